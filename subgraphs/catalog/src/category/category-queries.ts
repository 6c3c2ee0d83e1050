import { In } from 'typeorm';
import { byCreatedAt, byKeys, isUuid, keysetPage, pageSize, storeRequired, type Connection, type SubgraphContext } from '@ultramarket/kit';
import { Category } from './category.entity';
import { Product } from '../product/product.entity';
import { canBrowseStore } from '../product/product-queries';
import { visibleProductsSql } from '../visible-products';

/**
 * Categories by id, batched per request, in one transaction scoped to the caller's store (row-level
 * security hides other stores' rows; the query names the store too). Categories are public: anyone
 * who may browse the store sees its whole tree.
 */
export function loadCategory(context: SubgraphContext, id: string): Promise<Category | null> {
  return context.loaders
    .get<string, Category | null>('categoryById', async (ids) => {
      const rows = await context.storeDb.read((manager) => manager.getRepository(Category).findBy({ id: In([...ids]), ...context.storeDb.whereStore() }));
      return byKeys(ids, rows, (row) => row.id);
    })
    .load(id);
}

export async function findVisibleCategory(context: SubgraphContext, id: string): Promise<Category | null> {
  if (!isUuid(id)) return null;
  const category = await loadCategory(context, id);
  return category && (await canBrowseStore(context, category.storeId)) ? category : null;
}

/** A category of the caller's store by handle (handles are unique per store, so a store is needed). */
export async function findCategoryByHandle(context: SubgraphContext, handle: string): Promise<Category | null> {
  const storeId = context.caller.storeId;
  if (!storeId) throw storeRequired();
  if (!(await canBrowseStore(context, storeId))) return null;
  return context.storeDb.read((manager) => manager.getRepository(Category).findOneBy({ storeId, handle }));
}

/** The children of each parent (batched per request), in their order. */
export function loadChildren(context: SubgraphContext, parentId: string): Promise<Category[]> {
  return context.loaders
    .get<string, Category[]>('categoryChildren', async (parentIds) => {
      const rows = await context.storeDb.read((manager) =>
        manager
          .getRepository(Category)
          .find({ where: { parentId: In([...parentIds]), ...context.storeDb.whereStore() }, order: { position: 'ASC', id: 'ASC' } }),
      );
      return parentIds.map((parentId) => rows.filter((row) => row.parentId === parentId));
    })
    .load(parentId);
}

/** `categories(parentId)`: a category's children, or the store's root categories when `parentId` is null. */
export async function listCategories(context: SubgraphContext, parentId: string | null | undefined): Promise<Category[]> {
  const storeId = context.caller.storeId;
  if (storeId && !(await canBrowseStore(context, storeId))) return [];
  if (parentId) return (await findVisibleCategory(context, parentId)) ? loadChildren(context, parentId) : [];
  return context.storeDb.read((manager) =>
    manager
      .getRepository(Category)
      .createQueryBuilder('c')
      .where('c.parent_id IS NULL')
      .andWhere(storeId ? 'c.store_id = :storeId' : 'TRUE', { storeId })
      .orderBy('c.store_id')
      .addOrderBy('c.position')
      .addOrderBy('c.id')
      .getMany(),
  );
}

/** Root … the category itself, for breadcrumbs. */
export async function breadcrumbsOf(context: SubgraphContext, category: Category): Promise<Category[]> {
  const trail = await Promise.all(category.path.map((id) => loadCategory(context, id)));
  return trail.filter((item): item is Category => item !== null);
}

/**
 * How many products the caller may see in each category or any category below it, a product counted
 * once however many of them it sits in: one statement for every category a request asks about (a
 * whole tree level is one batch).
 */
export function countProductsUnder(context: SubgraphContext, category: Category): Promise<number> {
  return context.loaders
    .get<string, number>('categoryProductCount', async (categoryIds) => {
      const visible = visibleProductsSql(context.caller, category.storeId, 'p');
      const rows: { id: string; n: number }[] = await context.storeDb.read((manager) =>
        manager.query(
          `SELECT root.id, count(DISTINCT pc.product_id)::int AS n
             FROM unnest($1::uuid[]) AS root (id)
             JOIN category c ON c.path @> ARRAY[root.id]
             JOIN product_category pc ON pc.category_id = c.id
             JOIN product p ON p.id = pc.product_id AND ${visible}
            GROUP BY root.id`,
          [categoryIds],
        ),
      );
      const counts = new Map(rows.map((row) => [row.id, row.n]));
      return categoryIds.map((id) => counts.get(id) ?? 0);
    })
    .load(category.id);
}

/** The products the caller may see in a category or below it, newest first, keyset-paginated. */
export function productsUnder(
  context: SubgraphContext,
  category: Category,
  args: { first?: number | null; after?: string | null },
  countTotal: boolean,
): Promise<Connection<Product>> {
  const limit = pageSize(args.first);
  return context.storeDb.read((manager) => {
    const query = manager
      .getRepository(Product)
      .createQueryBuilder('p')
      .where('p.store_id = :storeId', { storeId: category.storeId })
      .andWhere(
        `p.id IN (SELECT pc.product_id FROM product_category pc JOIN category c ON c.id = pc.category_id WHERE c.path @> ARRAY[CAST(:categoryId AS uuid)])`,
        { categoryId: category.id },
      )
      .andWhere(visibleProductsSql(context.caller, category.storeId, 'p'));
    return keysetPage(query, { sort: byCreatedAt<Product>('p'), descending: true, limit, after: args.after, countTotal });
  });
}

/** The categories each product sits in (batched per request), those of one branch together, ancestors first. */
export async function categoriesOfProduct(context: SubgraphContext, productId: string): Promise<Category[]> {
  const categoryIds = await context.loaders
    .get<string, string[]>('productCategoryIds', async (productIds) => {
      const rows: { product_id: string; category_id: string }[] = await context.storeDb.read((manager) =>
        manager.query(
          `SELECT pc.product_id, pc.category_id FROM product_category pc JOIN category c ON c.id = pc.category_id
            WHERE pc.product_id = ANY($1::uuid[]) ORDER BY c.path`,
          [productIds],
        ),
      );
      return productIds.map((id) => rows.filter((row) => row.product_id === id).map((row) => row.category_id));
    })
    .load(productId);
  const categories = await Promise.all(categoryIds.map((id) => loadCategory(context, id)));
  return categories.filter((item): item is Category => item !== null);
}
