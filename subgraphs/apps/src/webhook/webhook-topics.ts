/**
 * The producing domains whose store-scoped events a store may subscribe an endpoint to; the delivery consumer
 * follows each one's stream. Left out on purpose: `accounts.*` (platform internals, sealed tokens), `stores.*` (the
 * platform's own bookkeeping of staff and invitations), `cart.*` (`cart.abandoned` carries a live recovery token),
 * `notifications.*` and `apps.*` (about deliveries themselves).
 */
export const WEBHOOK_DOMAINS = ['orders', 'payments', 'catalog', 'inventory', 'customers', 'shipping', 'reviews'] as const;

/**
 * Every topic an endpoint may subscribe to: the subjects of those domains in schema/events.md, whose `data` is the
 * public webhook contract (`webhook-topics.test.ts` keeps this list and the catalog together).
 */
export const WEBHOOK_TOPICS: readonly string[] = [
  'orders.created',
  'orders.status-changed',
  'orders.cancelled',
  'orders.dispatched',
  'orders.checkout-refused',
  'orders.fulfilment-recorded',
  'orders.remainder-cancelled',
  'orders.refund-requested',
  'orders.return-updated',
  'payments.initiated',
  'payments.succeeded',
  'payments.failed',
  'payments.authorized',
  'payments.captured',
  'payments.voided',
  'payments.refunded',
  'payments.refund-failed',
  'catalog.product-created',
  'catalog.product-updated',
  'catalog.product-media-changed',
  'catalog.product-categories-changed',
  'catalog.category-updated',
  'catalog.category-deleted',
  'catalog.collection-updated',
  'catalog.collection-deleted',
  'catalog.bulk-operation-progress',
  'catalog.inventory-imported',
  'inventory.stock-changed',
  'inventory.low-stock',
  'inventory.reserved',
  'inventory.reservation-failed',
  'inventory.reservation-extended',
  'inventory.committed',
  'inventory.commit-failed',
  'inventory.released',
  'customers.created',
  'customers.updated',
  'customers.deleted',
  'customers.segment-membership-changed',
  'shipping.method-updated',
  'shipping.method-deleted',
  'shipping.shipment-created',
  'shipping.tracking-updated',
  'reviews.review-submitted',
  'reviews.review-edited',
  'reviews.review-deleted',
  'reviews.review-moderated',
  'reviews.rating-changed',
];

const TOPICS = new Set(WEBHOOK_TOPICS);
const WILDCARDS = new Set(WEBHOOK_DOMAINS.map((domain) => `${domain}.*`));

/** Whether a store may subscribe to `topic`: a listed topic, or `<domain>.*` for every topic of a listed domain. */
export function isSubscribableTopic(topic: string): boolean {
  return TOPICS.has(topic) || WILDCARDS.has(topic);
}
