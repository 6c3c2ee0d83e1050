import { managesStore, type Caller } from '@ultramarket/kit';
import type { Order } from './order.entity';

/**
 * Who may see an order: its shopper, its store's staff, platform admins. A guest order (no
 * customer) is read by whoever holds its id, as a guest's order-status page would.
 */
export function canSeeOrder(caller: Caller, order: Order): boolean {
  if (managesStore(caller, order.storeId)) return true;
  if (order.customerId === null) return true;
  return caller.userId !== null && caller.userId === order.customerId;
}

/** Who may cancel: the shopper (a guest by the order id) and the store's staff. */
export const canCancelOrder = canSeeOrder;

/** Who may dispatch and complete: the store's staff. */
export function canFulfilOrder(caller: Caller, order: Order): boolean {
  return managesStore(caller, order.storeId);
}
