import { PermanentEventError, type EventHandler } from '@ultramarket/kit';
import { refreshProductMemberships } from './collection-membership';
import { upsertProductFacts, type ProductEventFacts } from './product-rule-facts';
import { ProductEvents } from '../product/product.events';

/**
 * Keeps automated collections current from catalog's own product events (never recomputed per read):
 * the product's rule facts are upserted by version and, when they changed, the product is re-evaluated
 * against every automated collection of its store in the same transaction, which also writes the
 * catalog.collection-updated events. One durable consumer per product event type.
 */
function keepMembershipsOn(eventType: string, name: string): EventHandler<ProductEventFacts> {
  return {
    name,
    eventType,
    async handle(event, tx) {
      if (!event.storeId) throw new PermanentEventError(`${event.type} ${event.id} names no store`);
      if (!(await upsertProductFacts(tx.manager, event.storeId, event.aggregateVersion, event.data))) return;
      await refreshProductMemberships(tx, event.storeId, event.data.productId);
    },
  };
}

export const collectionMembershipOnProductCreated = keepMembershipsOn(ProductEvents.created, 'catalog-collections-product-created');
export const collectionMembershipOnProductUpdated = keepMembershipsOn(ProductEvents.updated, 'catalog-collections-product-updated');
