import { In } from 'typeorm';
import { byKeys, isUuid, keysetPage, pageSize, Role, STORE_ROLES, type Connection, type KeysetSort, type SubgraphContext } from '@ultramarket/kit';
import { Order } from './order.entity';
import { OrderLineItem } from './order-line-item.entity';
import { OrderStatusChange } from './order-status-change.entity';
import { canSeeOrder } from './order-access';
import { OrderSortDirection, OrderSortField, type OrderFilter, type OrderSort } from './order.inputs';

const SORT_COLUMNS: Record<OrderSortField, KeysetSort<Order>> = {
  [OrderSortField.CREATED_AT]: { column: 'o.created_at', type: 'timestamptz', valueOf: (o) => o.createdAt.toISOString() },
  [OrderSortField.TOTAL]: { column: 'o.total_amount', type: 'bigint', valueOf: (o) => o.totalAmount },
};

/** Orders by id in the caller's store, batched per request (also behind `__resolveReference`). */
export function loadOrder(context: SubgraphContext, id: string): Promise<Order | null> {
  if (!isUuid(id)) return Promise.resolve(null);
  const store = context.storeDb.whereStore();
  return context.loaders
    .get<string, Order | null>('orderById', async (ids) => {
      const rows = await context.storeDb.read((manager) => manager.getRepository(Order).findBy({ id: In([...ids]), ...store }));
      return byKeys(ids, rows, (row) => row.id);
    })
    .load(id);
}

export async function findVisibleOrder(context: SubgraphContext, id: string): Promise<Order | null> {
  const order = await loadOrder(context, id);
  return order && canSeeOrder(context.caller, order) ? order : null;
}

/** Lines of many orders in one statement per request. */
export function loadLineItems(context: SubgraphContext, orderId: string): Promise<OrderLineItem[]> {
  const store = context.storeDb.whereStore();
  return context.loaders
    .get<string, OrderLineItem[]>('lineItemsByOrder', async (orderIds) => {
      const rows = await context.storeDb.read((manager) =>
        manager.getRepository(OrderLineItem).find({ where: { orderId: In([...orderIds]), ...store }, order: { position: 'ASC' } }),
      );
      return orderIds.map((orderId) => rows.filter((row) => row.orderId === orderId));
    })
    .load(orderId);
}

export function loadStatusHistory(context: SubgraphContext, orderId: string): Promise<OrderStatusChange[]> {
  const store = context.storeDb.whereStore();
  return context.loaders
    .get<string, OrderStatusChange[]>('statusHistoryByOrder', async (orderIds) => {
      const rows = await context.storeDb.read((manager) =>
        manager.getRepository(OrderStatusChange).find({ where: { orderId: In([...orderIds]), ...store }, order: { id: 'ASC' } }),
      );
      return orderIds.map((orderId) => rows.filter((row) => row.orderId === orderId));
    })
    .load(orderId);
}

/** A shopper lists their own orders in the store they shop in; staff list their store's; platform admins all (or one store's). */
export async function listOrders(
  context: SubgraphContext,
  args: { first?: number | null; after?: string | null; filter?: OrderFilter | null; sort?: OrderSort | null },
  countTotal = true,
): Promise<Connection<Order>> {
  const limit = pageSize(args.first);
  const filter = args.filter ?? {};
  const sort = SORT_COLUMNS[args.sort?.field ?? OrderSortField.CREATED_AT];
  const descending = (args.sort?.direction ?? OrderSortDirection.DESC) === OrderSortDirection.DESC;
  const { caller } = context;
  const store = context.storeDb.whereStore();
  return context.storeDb.read(async (manager) => {
    const query = manager.getRepository(Order).createQueryBuilder('o');
    if (store.storeId) query.andWhere('o.store_id = :storeId', { storeId: store.storeId });
    const isStaff = caller.roles.includes(Role.PLATFORM_ADMIN) || STORE_ROLES.some((role) => caller.roles.includes(role));
    if (!isStaff) query.andWhere('o.customer_id = :customerId', { customerId: caller.userId });
    if (filter.status) query.andWhere('o.status = :status', { status: filter.status });
    if (filter.dateFrom) query.andWhere('o.created_at >= :dateFrom', { dateFrom: filter.dateFrom });
    if (filter.dateTo) query.andWhere('o.created_at < :dateTo', { dateTo: filter.dateTo });
    if (filter.search) {
      const number = /^#?(\d{1,9})$/.exec(filter.search.trim());
      if (number) query.andWhere('o.number = :number', { number: Number(number[1]) });
      else query.andWhere('o.email ILIKE :email', { email: `%${filter.search.replace(/[\\%_]/g, '\\$&')}%` });
    }

    return keysetPage(query, { sort, descending, limit, after: args.after, countTotal });
  });
}
