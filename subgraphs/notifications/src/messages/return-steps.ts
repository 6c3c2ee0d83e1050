/** What the shopper is told of each step of a return: a headline and a sentence (REJECTED adds the staff's reason in the app only). */
export const RETURN_STEP_WORDS: Record<string, { title: (orderNumber: string) => string; sentence: string }> = {
  REQUESTED: { title: (n) => `Return requested for order ${n}`, sentence: 'We received your return request; the store will review it.' },
  APPROVED: { title: (n) => `Return approved for order ${n}`, sentence: 'Your return was approved: please send the items back.' },
  REJECTED: { title: (n) => `Return declined for order ${n}`, sentence: 'Your return was declined.' },
  RECEIVED: { title: (n) => `Return received for order ${n}`, sentence: 'The store received your returned items; your refund follows.' },
  REFUNDED: {
    title: (n) => `Return refunded for order ${n}`,
    sentence: 'Your return was refunded. It can take a few business days to appear on your statement.',
  },
  CLOSED: { title: (n) => `Return closed for order ${n}`, sentence: 'Your return was closed by the store.' },
};
