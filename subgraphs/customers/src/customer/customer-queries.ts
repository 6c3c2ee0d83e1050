import { In, type EntityManager } from 'typeorm';
import { byKeys, isUuid, keysetPage, pageSize, type Connection, type KeysetSort, type SubgraphContext } from '@ultramarket/kit';
import { Customer } from './customer.entity';
import { lockStoreSegments } from '../segment/segment-membership';
import { canSeeCustomer, hasStoreScope, storeOfCaller } from './customer-access';
import { CustomerSortDirection, CustomerSortField, type CustomerFilter, type CustomerSort } from './customer.inputs';

const SORT_COLUMNS: Record<CustomerSortField, KeysetSort<Customer>> = {
  [CustomerSortField.CREATED_AT]: { column: 'c.created_at', type: 'timestamptz', valueOf: (c) => c.createdAt.toISOString() },
  [CustomerSortField.UPDATED_AT]: { column: 'c.updated_at', type: 'timestamptz', valueOf: (c) => c.updatedAt.toISOString() },
  [CustomerSortField.LAST_NAME]: { column: 'c.last_name', type: 'varchar', valueOf: (c) => c.lastName },
  [CustomerSortField.TOTAL_SPENT]: { column: 'c.total_spent_amount', type: 'bigint', valueOf: (c) => c.totalSpentAmount },
  [CustomerSortField.ORDERS_COUNT]: { column: 'c.orders_count', type: 'integer', valueOf: (c) => c.ordersCount },
};

/** Customers by id in the caller's store, batched per request (row-level security and an explicit store condition). */
export function loadCustomer(context: SubgraphContext, id: string): Promise<Customer | null> {
  if (!isUuid(id) || !hasStoreScope(context)) return Promise.resolve(null);
  return context.loaders
    .get<string, Customer | null>('customerById', (ids) =>
      context.storeDb.read(async (manager) => {
        const storeId = storeOfCaller(context);
        const rows = await manager.getRepository(Customer).findBy(storeId ? { id: In([...ids]), storeId } : { id: In([...ids]) });
        return byKeys(ids, rows, (row) => row.id);
      }),
    )
    .load(id);
}

export async function findVisibleCustomer(context: SubgraphContext, id: string): Promise<Customer | null> {
  const customer = await loadCustomer(context, id);
  return customer && canSeeCustomer(context.caller, customer) ? customer : null;
}

/** The signed-in shopper's customer record in the request's store. */
export async function findMyCustomer(context: SubgraphContext): Promise<Customer | null> {
  const { userId, storeId } = context.caller;
  if (!userId || !storeId) return null;
  return context.storeDb.read((manager) => manager.getRepository(Customer).findOneBy({ storeId, userId }));
}

/**
 * The customer with this id in `storeId` (any store for a platform admin without one), locked for
 * the rest of the transaction, after the store's shared segment lock (see lockStoreSegments).
 */
export async function lockCustomer(manager: EntityManager, storeId: string | null, id: string): Promise<Customer | null> {
  if (!isUuid(id)) return null;
  const repository = manager.getRepository(Customer);
  const found = await repository.findOneBy(storeId ? { id, storeId } : { id });
  if (!found) return null;
  await lockStoreSegments(manager, found.storeId, false);
  return repository.findOne({ where: { id, storeId: found.storeId }, lock: { mode: 'pessimistic_write' } });
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

export async function listCustomers(
  context: SubgraphContext,
  args: { first?: number | null; after?: string | null; filter?: CustomerFilter | null; sort?: CustomerSort | null },
  countTotal = true,
): Promise<Connection<Customer>> {
  const limit = pageSize(args.first);
  const filter = args.filter ?? {};
  const sort = SORT_COLUMNS[args.sort?.field ?? CustomerSortField.CREATED_AT];
  const descending = (args.sort?.direction ?? CustomerSortDirection.DESC) === CustomerSortDirection.DESC;
  return context.storeDb.read(async (manager) => {
    const query = manager.getRepository(Customer).createQueryBuilder('c');
    const storeId = storeOfCaller(context);
    if (storeId) query.andWhere('c.store_id = :storeId', { storeId });
    if (filter.search) {
      query.andWhere(
        `(c.email ILIKE :search OR c.first_name ILIKE :search OR c.last_name ILIKE :search OR (c.first_name || ' ' || c.last_name) ILIKE :search)`,
        {
          search: `%${escapeLike(filter.search.trim())}%`,
        },
      );
    }
    if (filter.tag) query.andWhere('EXISTS (SELECT 1 FROM unnest(c.tags) AS t(tag) WHERE lower(t.tag) = lower(:tag))', { tag: filter.tag });
    if (filter.acceptsMarketing !== undefined && filter.acceptsMarketing !== null) {
      query.andWhere('c.accepts_marketing = :acceptsMarketing', { acceptsMarketing: filter.acceptsMarketing });
    }
    return keysetPage(query, { sort, descending, limit, after: args.after, countTotal });
  });
}
