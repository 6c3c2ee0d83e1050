import { returnedRows, type Tx } from '@ultramarket/kit';
import type { Collection } from './collection.entity';

/** What catalog publishes about collections (schema/events.md). */
export const CollectionEvents = {
  updated: 'catalog.collection-updated',
  deleted: 'catalog.collection-deleted',
} as const;

/** At most this many product ids (added and removed together) in one catalog.collection-updated. */
export const MAX_IDS_PER_EVENT = 500;

export interface CollectionUpdatedData {
  collectionId: string;
  handle: string;
  title: string;
  published: boolean;
  addedProductIds: string[];
  removedProductIds: string[];
}

/**
 * Publishes catalog.collection-updated for a change of the collection and of its members, split so that
 * no event carries more than 500 ids; always at least one (a rename changes no member). Each event
 * raises the collection's version, so every event of a collection has a higher aggregateVersion than
 * the one before and a consumer keeping the highest never skips a chunk.
 */
export async function emitCollectionUpdated(tx: Tx, collection: Collection, added: string[], removed: string[]): Promise<void> {
  const chunks: { added: string[]; removed: string[] }[] = [];
  let addedAt = 0;
  let removedAt = 0;
  do {
    const takeAdded = added.slice(addedAt, addedAt + MAX_IDS_PER_EVENT);
    addedAt += takeAdded.length;
    const takeRemoved = removed.slice(removedAt, removedAt + MAX_IDS_PER_EVENT - takeAdded.length);
    removedAt += takeRemoved.length;
    chunks.push({ added: takeAdded, removed: takeRemoved });
  } while (addedAt < added.length || removedAt < removed.length);
  for (const chunk of chunks) {
    const [row] = await returnedRows<{ version: number }>(tx.manager, `UPDATE collection SET version = version + 1 WHERE id = $1 RETURNING version`, [
      collection.id,
    ]);
    collection.version = row.version;
    const data: CollectionUpdatedData = {
      collectionId: collection.id,
      handle: collection.handle,
      title: collection.title,
      published: collection.published,
      addedProductIds: chunk.added,
      removedProductIds: chunk.removed,
    };
    await tx.emit({ type: CollectionEvents.updated, storeId: collection.storeId, aggregateId: collection.id, aggregateVersion: row.version, data });
  }
}

export async function emitCollectionDeleted(tx: Tx, collection: Collection): Promise<void> {
  await tx.emit({
    type: CollectionEvents.deleted,
    storeId: collection.storeId,
    aggregateId: collection.id,
    aggregateVersion: collection.version + 1,
    data: { collectionId: collection.id },
  });
}
