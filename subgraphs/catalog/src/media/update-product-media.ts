import { traceOf, type SubgraphContext } from '@ultramarket/kit';
import { ProductMedia } from './product-media.entity';
import { MediaStatus } from './media-status';
import { emitMediaChanged } from './media.events';
import { UpdateProductMediaPayload } from './media.payloads';
import type { UpdateProductMediaInput } from './media.inputs';
import type { MediaServices } from './media-services';
import { lockOwnMedia, MEDIA_NOT_FOUND, STORE_REQUIRED } from './media-access';

/** Changes an image's alternative text; a shown (READY) image's change is published. */
export async function updateProductMedia(context: SubgraphContext, media: MediaServices, input: UpdateProductMediaInput): Promise<UpdateProductMediaPayload> {
  if (context.unitOfWork.scope === null) return UpdateProductMediaPayload.failed(STORE_REQUIRED());
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const item = await lockOwnMedia(context, tx, input.id);
    if (!item) return UpdateProductMediaPayload.failed(MEDIA_NOT_FOUND(['input', 'id']));
    item.alt = input.alt;
    const saved = await tx.manager.getRepository(ProductMedia).save(item);
    if (saved.status === MediaStatus.READY) await emitMediaChanged(tx, media.storage, saved.storeId, saved.productId);
    return UpdateProductMediaPayload.ok(saved);
  });
}
