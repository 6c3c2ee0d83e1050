import { isUuid, PermanentEventError, type EventHandler } from '@ultramarket/kit';

/** What cart reads of catalog.collection-updated (schema/events.md). */
interface CollectionUpdatedData {
  collectionId: string;
  addedProductIds?: string[];
  removedProductIds?: string[];
}

/**
 * Each (collection, product) pair keeps the version of the last event that said whether the product is in:
 * an older event arriving late changes nothing. Pricing reads the member pairs for promotions on collections.
 */
const MARK_MEMBERS = `
  INSERT INTO catalog_collection_member (collection_id, product_id, store_id, member, version)
  SELECT $1, product_id, $2, $3, $4 FROM unnest($5::uuid[]) AS product_id
  ON CONFLICT (collection_id, product_id) DO UPDATE SET member = EXCLUDED.member, version = EXCLUDED.version
  WHERE catalog_collection_member.version < EXCLUDED.version AND catalog_collection_member.store_id = EXCLUDED.store_id`;

function productIds(event: { type: string; id: string }, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every(isUuid)) throw new PermanentEventError(`${event.type} ${event.id} has a malformed product id list`);
  return value;
}

const followMembers: EventHandler<CollectionUpdatedData> = {
  name: 'cart-collection-updated',
  eventType: 'catalog.collection-updated',
  async handle(event, tx) {
    if (!event.storeId || !isUuid(event.data.collectionId)) throw new PermanentEventError(`${event.type} ${event.id} names no store or collection`);
    const added = productIds(event, event.data.addedProductIds);
    const removed = productIds(event, event.data.removedProductIds);
    if (added.length > 0) await tx.manager.query(MARK_MEMBERS, [event.data.collectionId, event.storeId, true, event.aggregateVersion, added]);
    if (removed.length > 0) await tx.manager.query(MARK_MEMBERS, [event.data.collectionId, event.storeId, false, event.aggregateVersion, removed]);
  },
};

const forgetCollection: EventHandler<{ collectionId: string }> = {
  name: 'cart-collection-deleted',
  eventType: 'catalog.collection-deleted',
  async handle(event, tx) {
    if (!event.storeId || !isUuid(event.data.collectionId)) throw new PermanentEventError(`${event.type} ${event.id} names no store or collection`);
    await tx.manager.query(`UPDATE catalog_collection_member SET member = false, version = $3 WHERE collection_id = $1 AND store_id = $2 AND version < $3`, [
      event.data.collectionId,
      event.storeId,
      event.aggregateVersion,
    ]);
  },
};

export const collectionMembershipHandlers = [followMembers, forgetCollection];
