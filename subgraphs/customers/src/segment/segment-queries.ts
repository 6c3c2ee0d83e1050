import { In } from 'typeorm';
import { byCreatedAt, byKeys, isUuid, keysetPage, managesStore, pageSize, toConnection, type Connection, type SubgraphContext } from '@ultramarket/kit';
import { Customer } from '../customer/customer.entity';
import { hasStoreScope, storeOfCaller } from '../customer/customer-access';
import { CustomerSegment } from './customer-segment.entity';

/** Segments by id in the caller's store, batched per request; only the store's staff (and platform admins) see them. */
export async function findVisibleSegment(context: SubgraphContext, id: string): Promise<CustomerSegment | null> {
  if (!isUuid(id) || !hasStoreScope(context)) return null;
  const segment = await context.loaders
    .get<string, CustomerSegment | null>('segmentById', (ids) =>
      context.storeDb.read(async (manager) => {
        const storeId = storeOfCaller(context);
        const rows = await manager.getRepository(CustomerSegment).findBy(storeId ? { id: In([...ids]), storeId } : { id: In([...ids]) });
        return byKeys(ids, rows, (row) => row.id);
      }),
    )
    .load(id);
  return segment && managesStore(context.caller, segment.storeId) ? segment : null;
}

/** How many customers each segment holds, one statement per request. */
export function loadCustomerCount(context: SubgraphContext, segment: CustomerSegment): Promise<number> {
  return context.loaders
    .get<string, number>('segmentCustomerCount', (segmentIds) =>
      context.storeDb.read(async (manager) => {
        const storeId = storeOfCaller(context);
        const rows: { segment_id: string; n: string }[] = await manager.query(
          `SELECT segment_id, count(*) AS n FROM customer_segment_member
           WHERE segment_id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR store_id = $2) GROUP BY segment_id`,
          [[...segmentIds], storeId],
        );
        const counts = new Map(rows.map((row) => [row.segment_id, Number(row.n)]));
        return segmentIds.map((id) => counts.get(id) ?? 0);
      }),
    )
    .load(segment.id);
}

/** The store's segments, oldest first. */
export function listSegments(
  context: SubgraphContext,
  args: { first?: number | null; after?: string | null },
  countTotal: boolean,
): Promise<Connection<CustomerSegment>> {
  const limit = pageSize(args.first);
  return context.storeDb.read(async (manager) => {
    const query = manager.getRepository(CustomerSegment).createQueryBuilder('s');
    const storeId = storeOfCaller(context);
    if (storeId) query.andWhere('s.store_id = :storeId', { storeId });
    return keysetPage(query, { sort: byCreatedAt<CustomerSegment>('s'), descending: false, limit, after: args.after, countTotal });
  });
}

const EMPTY: Connection<Customer> = toConnection<Customer>([], 1, 0, false, () => '');

/** The members of a segment, newest customers first; empty for a segment the caller cannot see. */
export async function segmentCustomers(
  context: SubgraphContext,
  args: { segmentId: string; first?: number | null; after?: string | null },
  countTotal: boolean,
): Promise<Connection<Customer>> {
  const limit = pageSize(args.first);
  const segment = await findVisibleSegment(context, args.segmentId);
  if (!segment) return EMPTY;
  return context.storeDb.read(async (manager) => {
    const query = manager
      .getRepository(Customer)
      .createQueryBuilder('c')
      .innerJoin('customer_segment_member', 'm', 'm.customer_id = c.id AND m.store_id = c.store_id')
      .where('m.segment_id = :segmentId AND c.store_id = :storeId', { segmentId: segment.id, storeId: segment.storeId });
    return keysetPage(query, { sort: byCreatedAt<Customer>('c'), descending: true, limit, after: args.after, countTotal });
  });
}
