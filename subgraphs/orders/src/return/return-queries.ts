import { In } from 'typeorm';
import { keysetPage, pageWindow, type Connection, type KeysetSort, type SubgraphContext } from '@ultramarket/kit';
import { findVisibleOrder } from '../order/order-queries';
import { Return } from './return.entity';
import { ReturnLine } from './return-line.entity';
import type { ReturnFilter } from './return.inputs';

/** Returns of many orders in one statement per request, oldest first. */
export function loadReturns(context: SubgraphContext, orderId: string): Promise<Return[]> {
  const store = context.storeDb.whereStore();
  return context.loaders
    .get<string, Return[]>('returnsByOrder', async (orderIds) => {
      const rows = await context.storeDb.read((manager) =>
        manager.getRepository(Return).find({ where: { orderId: In([...orderIds]), ...store }, order: { createdAt: 'ASC', id: 'ASC' } }),
      );
      return orderIds.map((id) => rows.filter((row) => row.orderId === id));
    })
    .load(orderId);
}

/** Lines of many returns in one statement per request. */
export function loadReturnLines(context: SubgraphContext, returnId: string): Promise<ReturnLine[]> {
  const store = context.storeDb.whereStore();
  return context.loaders
    .get<string, ReturnLine[]>('returnLinesByReturn', async (returnIds) => {
      const rows = await context.storeDb.read((manager) =>
        manager.getRepository(ReturnLine).find({ where: { returnId: In([...returnIds]), ...store }, order: { id: 'ASC' } }),
      );
      return returnIds.map((id) => rows.filter((row) => row.returnId === id));
    })
    .load(returnId);
}

/** A return by id for whoever may read its order (its shopper, its store's staff, platform admins); null otherwise. */
export async function findVisibleReturn(context: SubgraphContext, returnId: string): Promise<Return | null> {
  const store = context.storeDb.whereStore();
  const found = await context.storeDb.read((manager) => manager.getRepository(Return).findOneBy({ id: returnId, ...store }));
  if (!found) return null;
  return (await findVisibleOrder(context, found.orderId)) ? found : null;
}

const NEWEST_FIRST: KeysetSort<Return> = { column: 'r.created_at', type: 'timestamptz', valueOf: (r) => r.createdAt.toISOString() };

export interface ReturnListArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  filter?: ReturnFilter | null;
}

/** The store's returns for its staff (platform admins: every store's), newest first, filtered and paged like order search. */
export function listReturns(context: SubgraphContext, args: ReturnListArgs, countTotal = true): Promise<Connection<Return>> {
  const window = pageWindow(args);
  const store = context.storeDb.whereStore();
  return context.storeDb.read((manager) => {
    const query = manager.getRepository(Return).createQueryBuilder('r');
    if (store.storeId) query.andWhere('r.store_id = :storeId', { storeId: store.storeId });
    if (args.filter?.statuses?.length) query.andWhere('r.status IN (:...statuses)', { statuses: args.filter.statuses });
    if (args.filter?.orderId) query.andWhere('r.order_id = :orderId', { orderId: args.filter.orderId });
    return keysetPage(query, { sort: NEWEST_FIRST, descending: true, countTotal, ...window });
  });
}
