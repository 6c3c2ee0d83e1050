import { managesStore, type Caller } from '@ultramarket/kit';

/**
 * Who may pay an order and see its payments: the order's customer, its store's staff (and platform
 * admins). A guest order (no customer) is open to whoever holds its id, as a guest checkout must be.
 */
export function mayPayOrder(caller: Caller, order: { storeId: string | null; customerId: string | null }): boolean {
  if (order.storeId && managesStore(caller, order.storeId)) return true;
  if (order.customerId === null) return true;
  return caller.userId !== null && caller.userId === order.customerId;
}
