import { traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import { ProductEvents } from '../product/product.events';
import { emitProductEvent, lockOwnProduct, STORE_REQUIRED, touchProduct } from '../product/product-tx';
import { ProductMedia } from '../media/product-media.entity';
import { MediaStatus } from '../media/media-status';
import { SetVariantMediaPayload } from '../product/product.payloads';
import type { SetVariantMediaInput } from './product-variant.inputs';

const VARIANT_NOT_FOUND = () => UserError.of('NOT_FOUND', 'No such variant in your store', ['input', 'variantId']);
const MEDIA_NOT_FOUND = () => UserError.of('NOT_FOUND', 'No such product image in your store', ['input', 'mediaId']);

/**
 * Points a variant at one of its own product's shown (READY) images, or at none (`mediaId: null`).
 * Another store's variant or image is "not found"; an image of another product or one whose upload
 * has not completed is refused; a refusal writes nothing. On success the product's version rises and
 * catalog.product-updated carries the whole product, the variant's `mediaId` included.
 */
export async function setVariantMedia(context: SubgraphContext, input: SetVariantMediaInput): Promise<SetVariantMediaPayload> {
  if (context.unitOfWork.scope === null) return SetVariantMediaPayload.failed(STORE_REQUIRED());
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const storeId = context.caller.storeId;
    const found: { product_id: string }[] = await tx.manager.query(
      `SELECT product_id FROM product_variant WHERE id = $1 ${storeId ? 'AND store_id = $2' : ''}`,
      storeId ? [input.variantId, storeId] : [input.variantId],
    );
    if (found.length === 0) return SetVariantMediaPayload.failed(VARIANT_NOT_FOUND());
    // the product lock orders this change with every other change of the product and its variants
    const product = await lockOwnProduct(context, tx, found[0].product_id);
    if (!product) return SetVariantMediaPayload.failed(VARIANT_NOT_FOUND());
    const mediaId = input.mediaId ?? null;
    if (mediaId !== null) {
      const media = await tx.manager.getRepository(ProductMedia).findOne({ where: { id: mediaId, storeId: product.storeId } });
      if (!media) return SetVariantMediaPayload.failed(MEDIA_NOT_FOUND());
      if (media.productId !== product.id) {
        return SetVariantMediaPayload.failed(
          UserError.of('MEDIA_OF_ANOTHER_PRODUCT', 'A variant can show only an image of its own product', ['input', 'mediaId']),
        );
      }
      if (media.status !== MediaStatus.READY) {
        return SetVariantMediaPayload.failed(
          UserError.of('MEDIA_NOT_READY', 'The image’s upload has not been completed (completeMediaUpload)', ['input', 'mediaId']),
        );
      }
    }
    await tx.manager.query(`UPDATE product_variant SET media_id = $2, version = version + 1, updated_at = now() WHERE id = $1`, [input.variantId, mediaId]);
    const touched = await touchProduct(tx, product.id);
    await emitProductEvent(tx, ProductEvents.updated, touched);
    return SetVariantMediaPayload.ok(touched);
  });
}
