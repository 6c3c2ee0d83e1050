import type { SubscriptionField } from './subscription-field';

/**
 * `orderStatusChanged(orderId)`: only someone who may read the order (its shopper, its store's
 * staff, a platform admin) may follow it; the orders subgraph decides, through the subscribe-time probe.
 */
export const orderStatusChanged: SubscriptionField = {
  field: 'orderStatusChanged',
  eventType: 'orders.status-changed',
  matches: (event, args) => event.aggregateId === args.orderId,
  authorize: () => undefined,
  entityQuery: { field: 'order', idArgument: 'id', idType: 'ID!' },
  entityIdOf: (event) => event.aggregateId,
  probeArgument: 'orderId',
  // PAYMENT_SUCCESS and CONFIRMED may be a millisecond apart: each push shows the status it announces
  eventFields: (event) => ({ status: (event.data as { to: string }).to }),
};
