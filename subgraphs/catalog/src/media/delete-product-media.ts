import { traceOf, type SubgraphContext } from '@ultramarket/kit';
import { ProductMedia } from './product-media.entity';
import { MediaStatus } from './media-status';
import { emitMediaChanged } from './media.events';
import { DeleteProductMediaPayload } from './media.payloads';
import type { DeleteProductMediaInput } from './media.inputs';
import type { MediaServices } from './media-services';
import { lockOwnMedia, MEDIA_NOT_FOUND, STORE_REQUIRED } from './media-access';

/**
 * Removes an image: its row in the transaction, then its stored object once that has committed (a
 * failed commit leaves the image whole; a failed object deletion leaves only an unreachable file,
 * never an image whose file is gone).
 */
export async function deleteProductMedia(context: SubgraphContext, media: MediaServices, input: DeleteProductMediaInput): Promise<DeleteProductMediaPayload> {
  if (context.unitOfWork.scope === null) return DeleteProductMediaPayload.failed(STORE_REQUIRED());
  const deleted = await context.unitOfWork.run(traceOf(context), async (tx) => {
    const item = await lockOwnMedia(context, tx, input.id);
    if (!item) return null;
    await tx.manager.getRepository(ProductMedia).delete({ id: item.id });
    if (item.status === MediaStatus.READY) await emitMediaChanged(tx, media.storage, item.storeId, item.productId);
    return item;
  });
  if (!deleted) return DeleteProductMediaPayload.failed(MEDIA_NOT_FOUND(['input', 'id']));
  if (deleted.storageKey) await media.storage.delete(deleted.storageKey);
  return DeleteProductMediaPayload.ok(deleted.id);
}
