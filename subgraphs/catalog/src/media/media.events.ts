import type { Tx } from '@ultramarket/kit';
import { ProductMedia } from './product-media.entity';
import { MediaStatus } from './media-status';
import type { MediaStorage } from './storage/media-storage';

export const MediaEvents = {
  /** A product's shown media changed (added, described, reordered or removed): the whole list after the change. */
  changed: 'catalog.product-media-changed',
} as const;

export interface ProductMediaChangedData {
  productId: string;
  media: { id: string; url: string; alt: string; position: number }[];
}

export function mediaUrl(media: ProductMedia, storage: MediaStorage): string {
  return media.storageKey ? storage.publicUrl(media.storageKey) : (media.externalUrl ?? '');
}

/**
 * Emits the product's READY media, in order, in the transaction that changed them. The product row
 * is locked by the change, so these events are ordered per product; their aggregateVersion is the
 * change's time in milliseconds (media changes do not move the product's own version, which the
 * product events carry).
 */
export async function emitMediaChanged(tx: Tx, storage: MediaStorage, storeId: string, productId: string): Promise<void> {
  const media = await tx.manager
    .getRepository(ProductMedia)
    .find({ where: { storeId, productId, status: MediaStatus.READY }, order: { position: 'ASC', createdAt: 'ASC' } });
  const [{ version }] = (await tx.manager.query(`SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS version`)) as { version: string }[];
  await tx.emit<ProductMediaChangedData>({
    type: MediaEvents.changed,
    storeId,
    aggregateId: productId,
    aggregateVersion: Number(version),
    data: { productId, media: media.map((item) => ({ id: item.id, url: mediaUrl(item, storage), alt: item.alt, position: item.position })) },
  });
}
