import { managesStore, type Caller, type SubgraphContext } from '@ultramarket/kit';
import type { Customer } from './customer.entity';

/** The customer's store's staff and platform admins; and the shopper whose account the customer is linked to, in that store. */
export function canSeeCustomer(caller: Caller, customer: Customer): boolean {
  if (managesStore(caller, customer.storeId)) return true;
  return caller.userId !== null && customer.userId === caller.userId && caller.storeId === customer.storeId;
}

/** Staff act for their store; a platform admin without a store acts for every store (null). */
export function storeOfCaller(context: SubgraphContext): string | null {
  return context.caller.storeId;
}

/** Whether the request can read store data at all (a store, or a platform admin's every-store scope). */
export function hasStoreScope(context: SubgraphContext): boolean {
  return context.storeDb.scope !== null;
}
