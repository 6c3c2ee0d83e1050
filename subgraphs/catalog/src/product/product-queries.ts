import { In } from 'typeorm';
import {
  byKeys,
  decodeCursor,
  encodeCursor,
  managesStore,
  pageSize,
  Role,
  STORE_ROLES,
  toConnection,
  type Caller,
  type Connection,
  type SubgraphContext,
} from '@ultramarket/kit';
import { Product } from './product.entity';
import { ProductStatus } from './product-status';
import { ProductSortField, SortDirection, type ProductFilter, type ProductSort } from './product.inputs';

const SORT_COLUMNS: Record<ProductSortField, { column: string; cast: string; valueOf(product: Product): string | number }> = {
  [ProductSortField.CREATED_AT]: { column: 'p.created_at', cast: 'timestamptz', valueOf: (p) => p.createdAt.toISOString() },
  [ProductSortField.TITLE]: { column: 'p.title', cast: 'varchar', valueOf: (p) => p.title },
  [ProductSortField.PRICE]: { column: 'p.price_amount', cast: 'integer', valueOf: (p) => p.priceAmount },
};

/** Shoppers see ACTIVE products; a store's staff (and platform admins) see every status of theirs. */
export function canSeeProduct(caller: Caller, product: Product): boolean {
  return product.status === ProductStatus.ACTIVE || managesStore(caller, product.storeId);
}

/** Products by id, batched per request; used by `product(id)` and by federation references. */
export function loadProduct(context: SubgraphContext, id: string): Promise<Product | null> {
  return context.loaders
    .get<string, Product | null>('productById', async (ids) => {
      const rows = await context.db.getRepository(Product).findBy({ id: In([...ids]) });
      return byKeys(ids, rows, (row) => row.id);
    })
    .load(id);
}

export async function findVisibleProduct(context: SubgraphContext, id: string): Promise<Product | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const product = await loadProduct(context, id);
  return product && canSeeProduct(context.caller, product) ? product : null;
}

export async function listProducts(
  context: SubgraphContext,
  args: { first?: number | null; after?: string | null; filter?: ProductFilter | null; sort?: ProductSort | null },
  countTotal = true,
): Promise<Connection<Product>> {
  const limit = pageSize(args.first);
  const filter = args.filter ?? {};
  const sort = SORT_COLUMNS[args.sort?.field ?? ProductSortField.CREATED_AT];
  const direction = args.sort?.direction ?? SortDirection.DESC;
  const { caller } = context;
  const query = context.db.getRepository(Product).createQueryBuilder('p');

  const isStaff = caller.storeId !== null && STORE_ROLES.some((role) => caller.roles.includes(role));
  const isAdmin = caller.roles.includes(Role.PLATFORM_ADMIN);
  if (caller.storeId) query.andWhere('p.store_id = :storeId', { storeId: caller.storeId });
  if (isStaff || isAdmin) {
    if (filter.status) query.andWhere('p.status = :status', { status: filter.status });
  } else {
    query.andWhere('p.status = :status', { status: ProductStatus.ACTIVE });
  }
  if (filter.category) query.andWhere('p.category = :category', { category: filter.category });
  if (filter.search) {
    query.andWhere('(p.title ILIKE :search OR p.description ILIKE :search)', { search: `%${filter.search.replace(/[\\%_]/g, '\\$&')}%` });
  }
  if (filter.priceMin !== undefined && filter.priceMin !== null) query.andWhere('p.price_amount >= :priceMin', { priceMin: filter.priceMin });
  if (filter.priceMax !== undefined && filter.priceMax !== null) query.andWhere('p.price_amount <= :priceMax', { priceMax: filter.priceMax });

  // the COUNT is a second statement per page: only when the client reads totalCount
  const totalCount = countTotal ? await query.clone().getCount() : 0;
  if (args.after) {
    const [value, id] = decodeCursor(args.after);
    const comparison = direction === SortDirection.DESC ? '<' : '>';
    query.andWhere(`(${sort.column}, p.id) ${comparison} (CAST(:cursorValue AS ${sort.cast}), CAST(:cursorId AS uuid))`, { cursorValue: value, cursorId: id });
  }
  const rows = await query
    .orderBy(sort.column, direction)
    .addOrderBy('p.id', direction)
    .limit(limit + 1)
    .getMany();
  return toConnection(rows, limit, totalCount, Boolean(args.after), (product) => encodeCursor(sort.valueOf(product), product.id));
}
