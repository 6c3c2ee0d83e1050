import { traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import { ProductMedia } from './product-media.entity';
import { MediaStatus } from './media-status';
import { readImageInfo } from './image-type';
import { emitMediaChanged } from './media.events';
import { CompleteMediaUploadPayload } from './media.payloads';
import type { CompleteMediaUploadInput } from './media.inputs';
import type { MediaServices } from './media-services';
import { ObjectTooLargeError } from './storage/media-storage';
import { lockOwnMedia, MEDIA_NOT_FOUND, STORE_REQUIRED } from './media-access';
import { MEDIA_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE } from './create-media-upload';

const UPLOAD_MISSING = () =>
  UserError.of('UPLOAD_MISSING', 'Nothing has been uploaded for this media item yet: PUT the file to its upload URL first', ['input', 'mediaId']);

/**
 * Reads the uploaded bytes back from storage and decides what they are from their own header: a
 * PNG, JPEG, GIF or WebP image no larger than CATALOG_MEDIA_MAX_BYTES becomes READY with its checked
 * type and its width and height; anything else (an SVG, an HTML page renamed .png, a cut-off file) is
 * deleted from storage with its media item and refused. Completing a READY item again answers it as it is.
 */
export async function completeMediaUpload(
  context: SubgraphContext,
  media: MediaServices,
  input: CompleteMediaUploadInput,
): Promise<CompleteMediaUploadPayload> {
  if (context.unitOfWork.scope === null) return CompleteMediaUploadPayload.failed(STORE_REQUIRED());
  const { storage, config } = media;
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const item = await lockOwnMedia(context, tx, input.mediaId);
    if (!item) return CompleteMediaUploadPayload.failed(MEDIA_NOT_FOUND(['input', 'mediaId']));
    if (item.status === MediaStatus.READY) return CompleteMediaUploadPayload.ok(item);
    const key = item.storageKey!;
    const refuse = async (error: UserError) => {
      await storage.delete(key);
      await tx.manager.getRepository(ProductMedia).delete({ id: item.id });
      return CompleteMediaUploadPayload.failed(error);
    };

    let bytes: Buffer | null;
    try {
      bytes = await storage.read(key, config.maxBytes);
    } catch (error) {
      if (error instanceof ObjectTooLargeError) return refuse(MEDIA_TOO_LARGE(config.maxBytes, ['input', 'mediaId']));
      throw error;
    }
    if (!bytes) return CompleteMediaUploadPayload.failed(UPLOAD_MISSING());
    const image = readImageInfo(bytes);
    if (!image) return refuse(UNSUPPORTED_MEDIA_TYPE(['input', 'mediaId']));

    Object.assign(item, {
      status: MediaStatus.READY,
      contentType: image.contentType,
      width: image.width,
      height: image.height,
      byteSize: bytes.length,
      alt: input.alt ?? item.alt,
    });
    const saved = await tx.manager.getRepository(ProductMedia).save(item);
    await emitMediaChanged(tx, storage, saved.storeId, saved.productId);
    return CompleteMediaUploadPayload.ok(saved);
  });
}
