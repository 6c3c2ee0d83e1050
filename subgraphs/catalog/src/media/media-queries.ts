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
