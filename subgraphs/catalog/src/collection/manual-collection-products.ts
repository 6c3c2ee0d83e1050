import { returnedRows, traceOf, UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import { CollectionKind, type Collection } from './collection.entity';
import { emitCollectionUpdated } from './collection.events';
import { collectionNotFound, findOwnCollection } from './collection-commands';
import {
  AddProductsToCollectionPayload,
  RemoveProductsFromCollectionPayload,
  ReorderCollectionProductsPayload,
  type CollectionPayload,
} from './collection.payloads';
import type { CollectionProductsInput, ReorderCollectionProductsInput } from './collection.inputs';
import { WriteErrors } from '../write-errors';

const automatedRefused = () =>
  UserError.of('COLLECTION_IS_AUTOMATED', 'The products of an automated collection follow its rules: change the rules instead', ['input', 'collectionId']);

/** Runs a change of a manual collection's products, with the checks every such change shares. */
async function changeManualCollection<P extends CollectionPayload>(
  context: SubgraphContext,
  collectionId: string,
  payload: { ok(collection: Collection): P; failed(...errors: UserError[]): P },
  change: (tx: Tx, collection: Collection) => Promise<UserError | { added: string[]; removed: string[]; reordered?: boolean }>,
): Promise<P> {
  if (!context.caller.storeId) return payload.failed(WriteErrors.storeRequired('collections'));
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const collection = await findOwnCollection(context, tx, collectionId);
    if (!collection) return payload.failed(collectionNotFound(['input', 'collectionId']));
    if (collection.kind === CollectionKind.AUTOMATED) return payload.failed(automatedRefused());
    const result = await change(tx, collection);
    if (result instanceof UserError) return payload.failed(result);
    if (result.added.length > 0 || result.removed.length > 0 || result.reordered) await emitCollectionUpdated(tx, collection, result.added, result.removed);
    return payload.ok(collection);
  });
}

/**
 * Appends products to a manual collection in the given order (ones already in it stay where they are).
 * Every id must be a product of the caller's store, else nothing changes.
 */
export function addProductsToCollection(context: SubgraphContext, input: CollectionProductsInput): Promise<AddProductsToCollectionPayload> {
  return changeManualCollection(context, input.collectionId, AddProductsToCollectionPayload, async (tx, collection) => {
    const productIds = [...new Set(input.productIds)];
    const found: { id: string }[] = await tx.manager.query(`SELECT id FROM product WHERE store_id = $1 AND id = ANY($2::uuid[])`, [
      collection.storeId,
      productIds,
    ]);
    const known = new Set(found.map((row) => row.id));
    const missing = input.productIds.findIndex((id) => !known.has(id));
    if (missing >= 0) return WriteErrors.notFound('product', ['input', 'productIds', String(missing)]);
    const added = await returnedRows<{ product_id: string }>(
      tx.manager,
      `INSERT INTO collection_product (collection_id, product_id, store_id, position)
       SELECT $1, wanted.id, $2, (SELECT coalesce(max(position) + 1, 0) FROM collection_product WHERE collection_id = $1) + wanted.ordinal - 1
         FROM unnest($3::uuid[]) WITH ORDINALITY AS wanted (id, ordinal)
       ON CONFLICT (collection_id, product_id) DO NOTHING RETURNING product_id`,
      [collection.id, collection.storeId, productIds],
    );
    if (added.length > 0) await renumber(tx, collection.id);
    return { added: added.map((row) => row.product_id), removed: [] };
  });
}

/** Takes products out of a manual collection; ids not in it are ignored. */
export function removeProductsFromCollection(context: SubgraphContext, input: CollectionProductsInput): Promise<RemoveProductsFromCollectionPayload> {
  return changeManualCollection(context, input.collectionId, RemoveProductsFromCollectionPayload, async (tx, collection) => {
    const removed = await returnedRows<{ product_id: string }>(
      tx.manager,
      `DELETE FROM collection_product WHERE collection_id = $1 AND product_id = ANY($2::uuid[]) RETURNING product_id`,
      [collection.id, input.productIds],
    );
    if (removed.length > 0) await renumber(tx, collection.id);
    return { added: [], removed: removed.map((row) => row.product_id) };
  });
}

/**
 * Moves products of a manual collection to new places, each move applied to the order the previous one
 * left (Shopify's collectionReorderProducts). A product not in the collection refuses the whole
 * reorder (`NOT_FOUND`). Publishes catalog.collection-updated with no ids (the order changed, not the members).
 */
export function reorderCollectionProducts(context: SubgraphContext, input: ReorderCollectionProductsInput): Promise<ReorderCollectionProductsPayload> {
  return changeManualCollection(context, input.collectionId, ReorderCollectionProductsPayload, async (tx, collection) => {
    const rows: { product_id: string }[] = await tx.manager.query(
      `SELECT product_id FROM collection_product WHERE collection_id = $1 ORDER BY position, product_id`,
      [collection.id],
    );
    let order = rows.map((row) => row.product_id);
    for (const [index, move] of input.moves.entries()) {
      if (!order.includes(move.productId)) return WriteErrors.notFound('product in this collection', ['input', 'moves', String(index), 'productId']);
      const others = order.filter((id) => id !== move.productId);
      const at = Math.min(move.position, others.length);
      order = [...others.slice(0, at), move.productId, ...others.slice(at)];
    }
    await tx.manager.query(
      `UPDATE collection_product cp SET position = (ordered.ordinal - 1)::int
         FROM unnest($2::uuid[]) WITH ORDINALITY AS ordered (id, ordinal)
        WHERE cp.collection_id = $1 AND cp.product_id = ordered.id`,
      [collection.id, order],
    );
    return { added: [], removed: [], reordered: true };
  });
}

/** Numbers a manual collection's products 0, 1, 2, … keeping their order (no gaps after a removal). */
async function renumber(tx: Tx, collectionId: string): Promise<void> {
  await tx.manager.query(
    `UPDATE collection_product cp SET position = ordered.position
       FROM (SELECT product_id, (row_number() OVER (ORDER BY position, created_at, product_id) - 1)::int AS position
               FROM collection_product WHERE collection_id = $1) AS ordered
      WHERE cp.collection_id = $1 AND cp.product_id = ordered.product_id AND cp.position <> ordered.position`,
    [collectionId],
  );
}
