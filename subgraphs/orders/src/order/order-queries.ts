import { In } from 'typeorm';
import { byKeys, isUuid, type SubgraphContext } from '@ultramarket/kit';
import { Order } from './order.entity';
import { OrderLineItem } from './order-line-item.entity';
import { OrderStatusChange } from './order-status-change.entity';
import { canSeeOrder } from './order-access';

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
