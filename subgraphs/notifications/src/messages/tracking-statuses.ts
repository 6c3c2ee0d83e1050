/** How each tracking status of a parcel reads (shipping owns the statuses; LABEL_CREATED is told by the dispatch). */
export const TRACKING_STATUS_WORDS: Record<string, { headline: (orderNumber: string) => string; sentence: string; emailed: boolean }> = {
  IN_TRANSIT: { headline: (orderNumber) => `Order ${orderNumber} is in transit`, sentence: 'is on its way', emailed: false },
  OUT_FOR_DELIVERY: {
    headline: (orderNumber) => `Order ${orderNumber} is out for delivery`,
    sentence: 'is out for delivery and should arrive today',
    emailed: true,
  },
  DELIVERED: { headline: (orderNumber) => `Order ${orderNumber} was delivered`, sentence: 'was delivered', emailed: true },
  FAILED_ATTEMPT: {
    headline: (orderNumber) => `Delivery of order ${orderNumber} failed`,
    sentence: 'could not be delivered; the carrier will try again or tell you where to collect it',
    emailed: true,
  },
  RETURNED: {
    headline: (orderNumber) => `Order ${orderNumber} is going back to the store`,
    sentence: 'is being returned to the store; the store will be in touch',
    emailed: true,
  },
};

export const trackingLine = (tracking: { carrier: string; trackingNumber: string; trackingUrl: string | null }) =>
  `${tracking.carrier} tracking number: ${tracking.trackingNumber}${tracking.trackingUrl ? ` (${tracking.trackingUrl})` : ''}`;
