import { AppScope } from '@ultramarket/kit';
import { knownFields, type EventEntity } from './event-entity';
import type { SubscriptionField } from './subscription-field';

/** What orders.status-changed carries (subgraphs/orders/src/order/order.events.ts). */
interface StatusChanged {
  to: string;
  orderNumber?: string;
  customerId?: string | null;
  total?: { amount: number; currencyCode: string };
}

/**
 * `orderStatusChanged(orderId)`: only someone who may read the order (its shopper, its store's
 * staff, a platform admin) may follow it; the orders subgraph decides, through the subscribe-time probe.
 */
export const orderStatusChanged: SubscriptionField = {
  field: 'orderStatusChanged',
  appScope: AppScope.read_orders,
  eventType: 'orders.status-changed',
  matches: (event, args) => event.aggregateId === args.orderId,
  authorize: () => undefined,
  entityQuery: { field: 'order', idArgument: 'id', idType: 'ID!' },
  entityIdOf: (event) => event.aggregateId,
  probeArgument: 'orderId',
  // PAYMENT_SUCCESS and CONFIRMED may be a millisecond apart: each push shows the status it announces
  eventFields: (event) => ({ status: (event.data as unknown as StatusChanged).to }),
  // the fields every reader of the order sees (no email, address or notes): `{ id status }` needs no round trip
  eventEntity: (event) => {
    const data = event.data as unknown as StatusChanged;
    return {
      __typename: 'Order',
      ...knownFields({
        id: event.aggregateId,
        storeId: event.storeId ?? undefined,
        status: data.to,
        orderNumber: data.orderNumber,
        customerId: data.customerId,
        total: data.total ? { __typename: 'Money', amount: data.total.amount, currencyCode: data.total.currencyCode } : undefined,
      }),
    } as EventEntity;
  },
};
