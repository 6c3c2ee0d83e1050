import { AppScope } from '@ultramarket/kit';
import { knownFields, type EventEntity } from './event-entity';
import type { SubscriptionField } from './subscription-field';

/** What orders.return-updated carries (subgraphs/orders/src/return/return.events.ts); the aggregate is the return. */
interface ReturnUpdated {
  returnId: string;
  orderId: string;
  status: string;
}

/**
 * `returnUpdated(returnId)`: only someone who may read the return (its order's shopper, its store's staff, a
 * platform admin) may follow it; the orders subgraph decides, through the subscribe-time probe (`return(id)`).
 */
export const returnUpdated: SubscriptionField = {
  field: 'returnUpdated',
  appScope: AppScope.read_orders,
  eventType: 'orders.return-updated',
  matches: (event, args) => event.aggregateId === args.returnId,
  authorize: () => undefined,
  entityQuery: { field: 'return', idArgument: 'id', idType: 'ID!' },
  entityIdOf: (event) => event.aggregateId,
  probeArgument: 'returnId',
  // steps may follow each other within milliseconds: each push shows the status it announces
  eventFields: (event) => ({ status: (event.data as unknown as ReturnUpdated).status }),
  // `{ id status orderId }` needs no round trip
  eventEntity: (event) => {
    const data = event.data as unknown as ReturnUpdated;
    return { __typename: 'Return', ...knownFields({ id: event.aggregateId, status: data.status, orderId: data.orderId }) } as EventEntity;
  },
};
