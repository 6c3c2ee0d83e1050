import { In } from 'typeorm';
import {
  byKeys,
  isUuid,
  keysetPage,
  managesStore,
  pageSize,
  Role,
  STORE_ROLES,
  storefrontVisible,
  toConnection,
  type Caller,
  type Connection,
  type KeysetSort,
  type SubgraphContext,
} from '@ultramarket/kit';
import { Product } from './product.entity';
import { ProductStatus } from './product-status';
import { normalizedTags } from './product-tags';
import { ProductSortField, SortDirection, type ProductFilter, type ProductSort } from './product.inputs';

const SORT_COLUMNS: Record<ProductSortField, KeysetSort<Product>> = {
  [ProductSortField.CREATED_AT]: { column: 'p.created_at', type: 'timestamptz', valueOf: (p) => p.createdAt.toISOString() },
  [ProductSortField.TITLE]: { column: 'p.title', type: 'varchar', valueOf: (p) => p.title },
  [ProductSortField.PRICE]: { column: 'p.price_amount', type: 'bigint', valueOf: (p) => p.priceAmount },
};

/** Whether shoppers see the product: ACTIVE, and its publication time (if any) has come. */
export function isPublished(product: Product, now = new Date()): boolean {
  return product.status === ProductStatus.ACTIVE && (product.publishedAt === null || product.publishedAt.getTime() <= now.getTime());
}

/** Shoppers see ACTIVE, published products; a store's staff (and platform admins) see every status of theirs. */
export function canSeeProduct(caller: Caller, product: Product): boolean {
  return isPublished(product) || managesStore(caller, product.storeId);
}

/**
 * Whether the caller may browse the store's catalog at all: its staff and platform admins always
 * (a paused or suspended store's admin keeps working); everyone else only while the store's
 * storefront is visible (ACTIVE or PAUSED, not SUSPENDED or CLOSED).
 */
export async function canBrowseStore(context: SubgraphContext, storeId: string): Promise<boolean> {
  return managesStore(context.caller, storeId) || storefrontVisible(await context.storeStatuses.of(storeId));
}

/**
 * Products by id, batched per request, in one transaction scoped to the caller's store (row-level
 * security hides the other stores' rows; the store condition says so in the query too). Used by
 * `product(id)` and by federation references.
 */
export function loadProduct(context: SubgraphContext, id: string): Promise<Product | null> {
  const storeId = context.caller.storeId;
  return context.loaders
    .get<string, Product | null>('productById', async (ids) => {
      const rows = await context.storeDb.read((manager) => manager.getRepository(Product).findBy({ id: In([...ids]), ...(storeId ? { storeId } : {}) }));
      return byKeys(ids, rows, (row) => row.id);
    })
    .load(id);
}

export async function findVisibleProduct(context: SubgraphContext, id: string): Promise<Product | null> {
  if (!isUuid(id)) return null;
  const product = await loadProduct(context, id);
  if (!product || !canSeeProduct(context.caller, product)) return null;
  return (await canBrowseStore(context, product.storeId)) ? product : null;
}

export async function listProducts(
  context: SubgraphContext,
  args: { first?: number | null; after?: string | null; filter?: ProductFilter | null; sort?: ProductSort | null },
  countTotal = true,
): Promise<Connection<Product>> {
  const limit = pageSize(args.first);
  const filter = args.filter ?? {};
  const sort = SORT_COLUMNS[args.sort?.field ?? ProductSortField.CREATED_AT];
  const descending = (args.sort?.direction ?? SortDirection.DESC) === SortDirection.DESC;
  const { caller } = context;
  // a suspended or closed store shows shoppers nothing at all
  if (caller.storeId && !(await canBrowseStore(context, caller.storeId))) return toConnection<Product>([], limit, 0, Boolean(args.after), () => '');
  // count and page read one snapshot, in the caller's store
  return context.storeDb.read(async (manager) => {
    const query = manager.getRepository(Product).createQueryBuilder('p');

    const isStaff = caller.storeId !== null && STORE_ROLES.some((role) => caller.roles.includes(role));
    const isAdmin = caller.roles.includes(Role.PLATFORM_ADMIN);
    if (caller.storeId) query.andWhere('p.store_id = :storeId', { storeId: caller.storeId });
    if (isStaff || isAdmin) {
      if (filter.status) query.andWhere('p.status = :status', { status: filter.status });
    } else {
      query.andWhere('p.status = :status', { status: ProductStatus.ACTIVE });
      query.andWhere('(p.published_at IS NULL OR p.published_at <= now())');
    }
    if (filter.category) query.andWhere('p.category = :category', { category: filter.category });
    if (filter.search) {
      query.andWhere('(p.title ILIKE :search OR p.description ILIKE :search)', { search: `%${filter.search.replace(/[\\%_]/g, '\\$&')}%` });
    }
    if (filter.tags?.length) query.andWhere('p.tags @> :tags::text[]', { tags: normalizedTags(filter.tags) });
    if (filter.vendor) query.andWhere('p.vendor = :vendor', { vendor: filter.vendor });
    if (filter.productType) query.andWhere('p.product_type = :productType', { productType: filter.productType });
    if (filter.sku) {
      query.andWhere('EXISTS (SELECT 1 FROM product_variant v WHERE v.product_id = p.id AND v.store_id = p.store_id AND v.sku = :sku)', { sku: filter.sku });
    }
    if (filter.priceMin !== undefined && filter.priceMin !== null) query.andWhere('p.price_amount >= :priceMin', { priceMin: filter.priceMin });
    if (filter.priceMax !== undefined && filter.priceMax !== null) query.andWhere('p.price_amount <= :priceMax', { priceMax: filter.priceMax });

    return keysetPage(query, { sort, descending, limit, after: args.after, countTotal });
  });
}
