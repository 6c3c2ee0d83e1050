import { traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import { ProductMedia } from './product-media.entity';
import { MediaStatus } from './media-status';
import { isImageContentType } from './image-type';
import { mediaKey, newMediaId } from './media-key';
import { CreateMediaUploadPayload } from './media.payloads';
import type { CreateMediaUploadInput } from './media.inputs';
import type { MediaServices } from './media-services';
import { lockOwnProduct, PRODUCT_NOT_FOUND, STORE_REQUIRED } from './media-access';

export const UNSUPPORTED_MEDIA_TYPE = (field: string[]) => UserError.of('UNSUPPORTED_MEDIA_TYPE', 'Only PNG, JPEG, GIF and WebP images are accepted', field);
export const MEDIA_TOO_LARGE = (maxBytes: number, field: string[]) => UserError.of('MEDIA_TOO_LARGE', `An image may be at most ${maxBytes} bytes`, field);

/**
 * Prepares an upload: a PENDING media item at the end of the product's list and a signed,
 * expiring, single-use target for its bytes. Nothing is shown until completeMediaUpload has checked
 * what was stored. Another store's product is NOT_FOUND and nothing is written.
 */
export async function createMediaUpload(context: SubgraphContext, media: MediaServices, input: CreateMediaUploadInput): Promise<CreateMediaUploadPayload> {
  if (context.unitOfWork.scope === null) return CreateMediaUploadPayload.failed(STORE_REQUIRED());
  const contentType = input.contentType.trim().toLowerCase();
  if (!isImageContentType(contentType)) return CreateMediaUploadPayload.failed(UNSUPPORTED_MEDIA_TYPE(['input', 'contentType']));
  const { maxBytes, uploadTtlMs } = media.config;
  if (input.byteSize > maxBytes) return CreateMediaUploadPayload.failed(MEDIA_TOO_LARGE(maxBytes, ['input', 'byteSize']));

  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const product = await lockOwnProduct(context, tx, input.productId);
    if (!product) return CreateMediaUploadPayload.failed(PRODUCT_NOT_FOUND(['input', 'productId']));
    const [{ next }] = (await tx.manager.query(`SELECT COALESCE(MAX(position) + 1, 0) AS next FROM product_media WHERE product_id = $1`, [product.id])) as {
      next: number;
    }[];
    const id = newMediaId();
    const key = mediaKey(product.storeId, id);
    const repository = tx.manager.getRepository(ProductMedia);
    await repository.insert(
      repository.create({ id, storeId: product.storeId, productId: product.id, position: Number(next), alt: '', storageKey: key, status: MediaStatus.PENDING }),
    );
    const expiresAt = new Date(Date.now() + uploadTtlMs);
    const target = await media.storage.presignUpload(key, { contentType, byteSize: input.byteSize, expiresAt });
    return CreateMediaUploadPayload.ok(id, target.url, target.headers, expiresAt);
  });
}
