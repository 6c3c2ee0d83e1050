import { AppScope } from '@ultramarket/kit';
import type { SubscriptionField } from './subscription-field';

/**
 * `stockChanged(productId)`: stock is public to the product's shoppers (they see `stock` on products),
 * so anyone who can see the product may follow it; the catalog decides, through the subscribe-time probe.
 */
export const stockChanged: SubscriptionField = {
  field: 'stockChanged',
  appScope: AppScope.read_inventory,
  eventType: 'inventory.stock-changed',
  matches: (event, args) => event.aggregateId === args.productId,
  authorize: () => undefined,
  entityQuery: { field: 'product', idArgument: 'id', idType: 'ID!' },
  entityIdOf: (event) => event.aggregateId,
  probeArgument: 'productId',
  // two changes a millisecond apart would otherwise both show the later stock: each push shows its own
  eventFields: (event) => {
    const { available } = event.data as { available: number };
    return { stock: available, inStock: available > 0 };
  },
  // `{ id stock inStock }` is answered from the event itself
  eventEntity: (event) => {
    const { available } = event.data as { available: number };
    return { __typename: 'Product', id: event.aggregateId, stock: available, inStock: available > 0 };
  },
};
