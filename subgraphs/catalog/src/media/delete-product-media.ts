import { traceOf, type SubgraphContext } from '@ultramarket/kit';
import { ProductMedia } from './product-media.entity';
import { MediaStatus } from './media-status';
import { emitMediaChanged } from './media.events';
import { DeleteProductMediaPayload } from './media.payloads';
import type { DeleteProductMediaInput } from './media.inputs';
import type { MediaServices } from './media-services';
import { lockOwnMedia, MEDIA_NOT_FOUND, STORE_REQUIRED } from './media-access';
import { emitProductEvent, touchProduct } from '../product/product-tx';
import { ProductEvents } from '../product/product.events';

/**
 * Removes an image: its row in the transaction, then its stored object once that has committed (a
 * failed commit leaves the image whole; a failed object deletion leaves only an unreachable file,
 * never an image whose file is gone). Variants that showed it show none, and catalog.product-updated
 * says so (the foreign key's ON DELETE SET NULL is the backstop for any other deletion).
 */
export async function deleteProductMedia(context: SubgraphContext, media: MediaServices, input: DeleteProductMediaInput): Promise<DeleteProductMediaPayload> {
  if (context.unitOfWork.scope === null) return DeleteProductMediaPayload.failed(STORE_REQUIRED());
  const deleted = await context.unitOfWork.run(traceOf(context), async (tx) => {
    const item = await lockOwnMedia(context, tx, input.id);
    if (!item) return null;
    // variants that showed the image show none; the product changed, so its version and event follow
    // TypeORM answers an UPDATE with [rows, affected count]
    const [, clearedCount]: [unknown[], number] = await tx.manager.query(
      `UPDATE product_variant SET media_id = NULL, version = version + 1, updated_at = now() WHERE media_id = $1`,
      [item.id],
    );
    await tx.manager.getRepository(ProductMedia).delete({ id: item.id });
    if (clearedCount > 0) await emitProductEvent(tx, ProductEvents.updated, await touchProduct(tx, item.productId));
    if (item.status === MediaStatus.READY) await emitMediaChanged(tx, media.storage, item.storeId, item.productId);
    return item;
  });
  if (!deleted) return DeleteProductMediaPayload.failed(MEDIA_NOT_FOUND(['input', 'id']));
  if (deleted.storageKey) await media.storage.delete(deleted.storageKey);
  return DeleteProductMediaPayload.ok(deleted.id);
}
