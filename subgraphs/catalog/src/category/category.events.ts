import type { EntityManager } from 'typeorm';
import type { Tx } from '@ultramarket/kit';

/** What catalog publishes about categories (schema/events.md). */
export const CategoryEvents = {
  productCategoriesChanged: 'catalog.product-categories-changed',
  categoryUpdated: 'catalog.category-updated',
  categoryDeleted: 'catalog.category-deleted',
} as const;

/** A product's categories: the ones assigned, and those plus all their ancestors (for "in X or below" filters). */
export interface ProductCategoriesChangedData {
  productId: string;
  categoryIds: string[];
  categoryPathIds: string[];
}

/** A category was created, renamed, described or moved: what lists and caches of the tree must re-read. */
export interface CategoryUpdatedData {
  categoryId: string;
  parentId: string | null;
  handle: string;
  name: string;
}

/** The product ids assigned to any category of the subtree under (and including) `categoryId`. */
export async function productsUnder(manager: EntityManager, categoryId: string): Promise<string[]> {
  const rows: { product_id: string }[] = await manager.query(
    `SELECT DISTINCT pc.product_id FROM product_category pc JOIN category c ON c.id = pc.category_id WHERE c.path @> ARRAY[$1::uuid]`,
    [categoryId],
  );
  return rows.map((row) => row.product_id);
}

/**
 * Publishes `catalog.product-categories-changed` for each product with its categories as they now are
 * in this transaction. Each product's events are numbered by `product_category_state`, so a consumer
 * keeping the highest aggregateVersion keeps the latest assignment.
 */
export async function emitProductCategoriesChanged(tx: Tx, storeId: string, productIds: string[]): Promise<void> {
  if (productIds.length === 0) return;
  const rows: { product_id: string; category_ids: string[] | null; path_ids: string[] | null; version: number }[] = await tx.manager.query(
    `WITH numbered AS (
       INSERT INTO product_category_state (product_id, store_id) SELECT unnest($1::uuid[]), $2
       ON CONFLICT (product_id) DO UPDATE SET version = product_category_state.version + 1
       RETURNING product_id, version
     )
     SELECT n.product_id, n.version,
            (SELECT array_agg(pc.category_id ORDER BY pc.category_id) FROM product_category pc WHERE pc.product_id = n.product_id) AS category_ids,
            (SELECT array_agg(DISTINCT ancestor ORDER BY ancestor) FROM product_category pc JOIN category c ON c.id = pc.category_id, unnest(c.path) AS ancestor
              WHERE pc.product_id = n.product_id) AS path_ids
       FROM numbered n ORDER BY n.product_id`,
    [productIds, storeId],
  );
  for (const row of rows) {
    const data: ProductCategoriesChangedData = { productId: row.product_id, categoryIds: row.category_ids ?? [], categoryPathIds: row.path_ids ?? [] };
    await tx.emit({ type: CategoryEvents.productCategoriesChanged, storeId, aggregateId: row.product_id, aggregateVersion: row.version, data });
  }
}
