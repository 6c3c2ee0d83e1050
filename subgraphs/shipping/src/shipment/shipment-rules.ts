/**
 * Order statuses (orders' names) in which shipping looks at what is left to ship: paid with its stock committed, or
 * (partly) shipped already (a fulfilled order has nothing left: NOTHING_TO_SHIP). DISPATCHED is orders' deprecated name.
 */
export const SHIPPABLE_ORDER_STATUSES: readonly string[] = [
  'CONFIRMED',
  'PARTIALLY_FULFILLED',
  'FULFILLED',
  'DELIVERED',
  'DISPATCHED',
  'COMPLETED',
  'PARTIALLY_REFUNDED',
];

/** Order statuses that will never ship. */
export const CLOSED_ORDER_STATUSES: readonly string[] = ['CANCELLED', 'REFUNDED'];

/** How long createShipment waits for shipping's copy of an order to hear that it was paid (see awaitOrderView). */
export const ORDER_VIEW_WAIT_MS = 3_000;

/** Why a given tracking page cannot be used, or null: an absolute https URL. */
export function trackingUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'trackingUrl must be an absolute URL';
  }
  return parsed.protocol === 'https:' ? null : 'trackingUrl must be an https URL';
}
