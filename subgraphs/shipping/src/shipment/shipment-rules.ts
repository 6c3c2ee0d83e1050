/** Order statuses (orders' names) in which an order may get a shipment: paid with its stock committed, or partly shipped. */
export const SHIPPABLE_ORDER_STATUSES: readonly string[] = ['CONFIRMED', 'DISPATCHED', 'COMPLETED', 'PARTIALLY_REFUNDED'];

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
