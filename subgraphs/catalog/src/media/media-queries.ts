import { In } from 'typeorm';
import type { SubgraphContext } from '@ultramarket/kit';
import { ProductMedia } from './product-media.entity';
import { MediaStatus } from './media-status';

/**
 * A product's shown (READY) images in order, batched per request: one query for every product of
 * the answer, in a transaction scoped to the caller's store.
 */
export function loadProductMedia(context: SubgraphContext, productId: string): Promise<ProductMedia[]> {
  return context.loaders
    .get<string, ProductMedia[]>('productMediaByProduct', async (productIds) => {
      const rows = await context.storeDb.read((manager) =>
        manager.getRepository(ProductMedia).find({
          where: { productId: In([...productIds]), status: MediaStatus.READY, ...context.storeDb.whereStore() },
          order: { position: 'ASC', createdAt: 'ASC' },
        }),
      );
      const byProduct = new Map<string, ProductMedia[]>();
      for (const row of rows) byProduct.set(row.productId, [...(byProduct.get(row.productId) ?? []), row]);
      return productIds.map((id) => byProduct.get(id) ?? []);
    })
    .load(productId);
}

/** A shown (READY) image by id, batched per request, in a transaction scoped to the caller's store; null when there is none. */
export function loadShownMedia(context: SubgraphContext, mediaId: string): Promise<ProductMedia | null> {
  return context.loaders
    .get<string, ProductMedia | null>('shownMediaById', async (mediaIds) => {
      const rows = await context.storeDb.read((manager) =>
        manager.getRepository(ProductMedia).find({ where: { id: In([...mediaIds]), status: MediaStatus.READY, ...context.storeDb.whereStore() } }),
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      return mediaIds.map((id) => byId.get(id) ?? null);
    })
    .load(mediaId);
}
