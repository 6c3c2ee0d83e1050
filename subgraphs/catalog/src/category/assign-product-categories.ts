import { managesStore, traceOf, type SubgraphContext } from '@ultramarket/kit';
import { emitProductCategoriesChanged } from './category.events';
import { AssignProductCategoriesPayload } from './category.payloads';
import type { AssignProductCategoriesInput } from './category.inputs';
import { Product } from '../product/product.entity';
import { WriteErrors } from '../write-errors';

/**
 * Puts a product in exactly the given categories (replacing its assignment). Every id must be a category
 * of the caller's store, else nothing changes (`NOT_FOUND` naming the first bad id's place). When the
 * assignment really changed, publishes catalog.product-categories-changed.
 */
export async function assignProductCategories(context: SubgraphContext, input: AssignProductCategoriesInput): Promise<AssignProductCategoriesPayload> {
  const storeId = context.caller.storeId;
  if (!storeId) return AssignProductCategoriesPayload.failed(WriteErrors.storeRequired('products'));
  const wanted = [...new Set(input.categoryIds)];
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const product = await tx.manager.getRepository(Product).findOne({ where: { id: input.productId, storeId }, lock: { mode: 'pessimistic_write' } });
    if (!product || !managesStore(context.caller, product.storeId)) {
      return AssignProductCategoriesPayload.failed(WriteErrors.notFound('product', ['input', 'productId']));
    }
    const found: { id: string }[] = await tx.manager.query(`SELECT id FROM category WHERE store_id = $1 AND id = ANY($2::uuid[])`, [storeId, wanted]);
    const known = new Set(found.map((row) => row.id));
    const missing = input.categoryIds.findIndex((id) => !known.has(id));
    if (missing >= 0) return AssignProductCategoriesPayload.failed(WriteErrors.notFound('category', ['input', 'categoryIds', String(missing)]));

    const [change]: { removed: number; added: number }[] = await tx.manager.query(
      `WITH removed AS (
         DELETE FROM product_category WHERE product_id = $1 AND NOT (category_id = ANY($2::uuid[])) RETURNING 1
       ), added AS (
         INSERT INTO product_category (product_id, category_id, store_id) SELECT $1, unnest($2::uuid[]), $3
         ON CONFLICT (product_id, category_id) DO NOTHING RETURNING 1
       )
       SELECT (SELECT count(*) FROM removed)::int AS removed, (SELECT count(*) FROM added)::int AS added`,
      [product.id, wanted, storeId],
    );
    if (change.removed + change.added > 0) await emitProductCategoriesChanged(tx, storeId, [product.id]);
    return AssignProductCategoriesPayload.ok(product);
  });
}
