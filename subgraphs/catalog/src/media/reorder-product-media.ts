import { traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import { ProductMedia } from './product-media.entity';
import { MediaStatus } from './media-status';
import { emitMediaChanged } from './media.events';
import { ReorderProductMediaPayload } from './media.payloads';
import type { ReorderProductMediaInput } from './media.inputs';
import type { MediaServices } from './media-services';
import { lockOwnProduct, PRODUCT_NOT_FOUND, STORE_REQUIRED } from './media-access';

const INVALID_MEDIA_ORDER = () =>
  UserError.of('INVALID_MEDIA_ORDER', "List every one of the product's images exactly once, and no other", ['input', 'mediaIds']);

/**
 * Puts the product's shown images in the given order (positions 0, 1, …); uploads still pending
 * follow them. The list must be exactly the product's READY images, so nothing is reordered by half.
 */
export async function reorderProductMedia(
  context: SubgraphContext,
  media: MediaServices,
  input: ReorderProductMediaInput,
): Promise<ReorderProductMediaPayload> {
  if (context.unitOfWork.scope === null) return ReorderProductMediaPayload.failed(STORE_REQUIRED());
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const product = await lockOwnProduct(context, tx, input.productId);
    if (!product) return ReorderProductMediaPayload.failed(PRODUCT_NOT_FOUND(['input', 'productId']));
    const repository = tx.manager.getRepository(ProductMedia);
    const all = await repository.find({ where: { productId: product.id, storeId: product.storeId }, order: { position: 'ASC', createdAt: 'ASC' } });
    const ready = all.filter((item) => item.status === MediaStatus.READY);
    const byId = new Map(ready.map((item) => [item.id, item]));
    if (input.mediaIds.length !== ready.length || !input.mediaIds.every((id) => byId.has(id))) return ReorderProductMediaPayload.failed(INVALID_MEDIA_ORDER());

    const ordered = [...input.mediaIds.map((id) => byId.get(id)!), ...all.filter((item) => item.status !== MediaStatus.READY)];
    ordered.forEach((item, position) => (item.position = position));
    await tx.manager.query(
      `UPDATE product_media m SET position = o.position, updated_at = now()
       FROM unnest($1::uuid[], $2::int[]) AS o(id, position) WHERE m.id = o.id AND m.product_id = $3`,
      [ordered.map((item) => item.id), ordered.map((item) => item.position), product.id],
    );
    await emitMediaChanged(tx, media.storage, product.storeId, product.id);
    return ReorderProductMediaPayload.ok(ordered.filter((item) => item.status === MediaStatus.READY));
  });
}
