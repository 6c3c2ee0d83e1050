import { In } from 'typeorm';
import {
  byKeys,
  decodeKeysetCursor,
  encodeCursor,
  isUuid,
  keysetPage,
  managesStore,
  pageSize,
  storeRequired,
  toConnection,
  type Connection,
  type KeysetColumnType,
  type SubgraphContext,
} from '@ultramarket/kit';
import { Collection, CollectionSortOrder } from './collection.entity';
import { Product } from '../product/product.entity';
import { canBrowseStore } from '../product/product-queries';
import { visibleProductsSql } from '../visible-products';

/** The column each order sorts a collection's products by (ties broken by product id). */
const MEMBER_SORTS: Record<CollectionSortOrder, { column: string; type: KeysetColumnType; descending: boolean }> = {
  [CollectionSortOrder.MANUAL]: { column: 'cp.position', type: 'integer', descending: false },
  [CollectionSortOrder.CREATED_DESC]: { column: 'p.created_at', type: 'timestamptz', descending: true },
  [CollectionSortOrder.TITLE_ASC]: { column: 'p.title', type: 'varchar', descending: false },
  [CollectionSortOrder.PRICE_ASC]: { column: 'p.price_amount', type: 'bigint', descending: false },
  [CollectionSortOrder.PRICE_DESC]: { column: 'p.price_amount', type: 'bigint', descending: true },
};

/** Shoppers see published collections; a store's staff (and platform admins) every one of theirs. */
function canSeeCollection(context: SubgraphContext, collection: Collection): boolean {
  return collection.published || managesStore(context.caller, collection.storeId);
}

/** Collections by id, batched per request, scoped to the caller's store. */
function loadCollection(context: SubgraphContext, id: string): Promise<Collection | null> {
  return context.loaders
    .get<string, Collection | null>('collectionById', async (ids) => {
      const rows = await context.storeDb.read((manager) => manager.getRepository(Collection).findBy({ id: In([...ids]), ...context.storeDb.whereStore() }));
      return byKeys(ids, rows, (row) => row.id);
    })
    .load(id);
}

export async function findVisibleCollection(context: SubgraphContext, id: string): Promise<Collection | null> {
  if (!isUuid(id)) return null;
  const collection = await loadCollection(context, id);
  if (!collection || !canSeeCollection(context, collection)) return null;
  return (await canBrowseStore(context, collection.storeId)) ? collection : null;
}

export async function findCollectionByHandle(context: SubgraphContext, handle: string): Promise<Collection | null> {
  const storeId = context.caller.storeId;
  if (!storeId) throw storeRequired();
  if (!(await canBrowseStore(context, storeId))) return null;
  const collection = await context.storeDb.read((manager) => manager.getRepository(Collection).findOneBy({ storeId, handle }));
  return collection && canSeeCollection(context, collection) ? collection : null;
}

/** The store's collections the caller may see, by title, keyset-paginated. */
export async function listCollections(
  context: SubgraphContext,
  args: { first?: number | null; after?: string | null },
  countTotal: boolean,
): Promise<Connection<Collection>> {
  const limit = pageSize(args.first);
  const storeId = context.caller.storeId;
  if (storeId && !(await canBrowseStore(context, storeId))) return toConnection<Collection>([], limit, 0, Boolean(args.after), () => '');
  return context.storeDb.read((manager) => {
    const query = manager.getRepository(Collection).createQueryBuilder('c');
    if (storeId) query.andWhere('c.store_id = :storeId', { storeId });
    if (storeId && !managesStore(context.caller, storeId)) query.andWhere('c.published');
    return keysetPage(query, {
      sort: { column: 'c.title', type: 'varchar', valueOf: (collection) => collection.title },
      descending: false,
      limit,
      after: args.after,
      countTotal,
    });
  });
}

/** A collection's products the caller may see, in the collection's order, keyset-paginated (sort value, then id). */
export function collectionProducts(
  context: SubgraphContext,
  collection: Collection,
  args: { first?: number | null; after?: string | null },
  countTotal: boolean,
): Promise<Connection<Product>> {
  const limit = pageSize(args.first);
  const { column, type, descending } = MEMBER_SORTS[collection.sortOrder];
  const cursor = args.after ? decodeKeysetCursor(args.after, type) : null;
  return context.storeDb.read(async (manager) => {
    const query = manager
      .getRepository(Product)
      .createQueryBuilder('p')
      .innerJoin('collection_product', 'cp', 'cp.product_id = p.id AND cp.collection_id = :collectionId', { collectionId: collection.id })
      .addSelect(column, 'sort_value')
      .where('p.store_id = :storeId', { storeId: collection.storeId })
      .andWhere(visibleProductsSql(context.caller, collection.storeId, 'p'));
    const totalCount = countTotal ? await query.clone().getCount() : 0;
    if (cursor) {
      query.andWhere(`(${column}, p.id) ${descending ? '<' : '>'} (CAST(:sortValue AS ${type}), CAST(:sortId AS uuid))`, {
        sortValue: cursor[0],
        sortId: cursor[1],
      });
    }
    const direction = descending ? 'DESC' : 'ASC';
    // the raw rows carry the sort value (a member's position is not a product column) for the cursors
    const { entities, raw } = await query
      .orderBy(column, direction)
      .addOrderBy('p.id', direction)
      .limit(limit + 1)
      .getRawAndEntities<{ p_id: string; sort_value: string | number | Date }>();
    const sortValues = new Map(raw.map((row) => [row.p_id, cursorValue(row.sort_value, type)]));
    return toConnection(entities, limit, totalCount, cursor !== null, (product) => encodeCursor(sortValues.get(product.id) ?? 0, product.id));
  });
}

function cursorValue(value: string | number | Date, type: KeysetColumnType): string | number {
  if (value instanceof Date) return value.toISOString();
  return type === 'integer' || type === 'bigint' ? Number(value) : String(value);
}

/**
 * How many products the caller may see in each collection, one statement for every collection a
 * request asks about.
 */
export function countCollectionProducts(context: SubgraphContext, collection: Collection): Promise<number> {
  return context.loaders
    .get<string, number>('collectionProductCount', async (collectionIds) => {
      const visible = visibleProductsSql(context.caller, collection.storeId, 'p');
      const rows: { id: string; n: number }[] = await context.storeDb.read((manager) =>
        manager.query(
          `SELECT cp.collection_id AS id, count(*)::int AS n FROM collection_product cp JOIN product p ON p.id = cp.product_id AND ${visible}
            WHERE cp.collection_id = ANY($1::uuid[]) GROUP BY cp.collection_id`,
          [collectionIds],
        ),
      );
      const counts = new Map(rows.map((row) => [row.id, row.n]));
      return collectionIds.map((id) => counts.get(id) ?? 0);
    })
    .load(collection.id);
}

/** The collections each product is in that the caller may see (batched per request), by title. */
export async function collectionsOfProduct(context: SubgraphContext, productId: string): Promise<Collection[]> {
  const collectionIds = await context.loaders
    .get<string, string[]>('productCollectionIds', async (productIds) => {
      const rows: { product_id: string; collection_id: string }[] = await context.storeDb.read((manager) =>
        manager.query(
          `SELECT cp.product_id, cp.collection_id FROM collection_product cp JOIN collection c ON c.id = cp.collection_id
            WHERE cp.product_id = ANY($1::uuid[]) ORDER BY c.title, c.id`,
          [productIds],
        ),
      );
      return productIds.map((id) => rows.filter((row) => row.product_id === id).map((row) => row.collection_id));
    })
    .load(productId);
  const collections = await Promise.all(collectionIds.map((id) => loadCollection(context, id)));
  return collections.filter((item): item is Collection => item !== null && canSeeCollection(context, item));
}
