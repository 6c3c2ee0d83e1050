import { managesStore, UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import { ProductMedia } from './product-media.entity';

export const STORE_REQUIRED = () => UserError.of('STORE_REQUIRED', 'Act for a store (a store token or X-Store-Id) to change its products');
export const PRODUCT_NOT_FOUND = (field: string[]) => UserError.of('NOT_FOUND', 'No such product in your store', field);
export const MEDIA_NOT_FOUND = (field: string[]) => UserError.of('NOT_FOUND', 'No such product image in your store', field);

/**
 * Locks the product (as the product's own changes do) when the caller manages its store, so the
 * media changes of one product run one at a time and their events come in order. Another store's
 * product is "not found": row-level security hides it and the query names the caller's store too.
 */
export async function lockOwnProduct(context: SubgraphContext, tx: Tx, productId: string): Promise<{ id: string; storeId: string } | null> {
  const storeId = context.caller.storeId;
  const rows: { id: string; store_id: string }[] = await tx.manager.query(
    `SELECT id, store_id FROM product WHERE id = $1 ${storeId ? 'AND store_id = $2' : ''} FOR UPDATE`,
    storeId ? [productId, storeId] : [productId],
  );
  const row = rows[0];
  return row && managesStore(context.caller, row.store_id) ? { id: row.id, storeId: row.store_id } : null;
}

/** The media item and its product, both locked, if the caller manages their store. */
export async function lockOwnMedia(context: SubgraphContext, tx: Tx, mediaId: string): Promise<ProductMedia | null> {
  const storeId = context.caller.storeId;
  const media = await tx.manager.getRepository(ProductMedia).findOne({ where: storeId ? { id: mediaId, storeId } : { id: mediaId } });
  if (!media || !managesStore(context.caller, media.storeId)) return null;
  if (!(await lockOwnProduct(context, tx, media.productId))) return null;
  return tx.manager.getRepository(ProductMedia).findOne({ where: { id: mediaId }, lock: { mode: 'pessimistic_write' } });
}
