import { acceptsStaffChanges, forbidden, Role, StoreStatus, type SubgraphContext, type Tx, type UserError } from '@ultramarket/kit';
import { isPlatformAdmin, roleInTransaction } from '../staff/store-membership';
import { Store } from './store.entity';
import { StoreErrors } from './store-errors';

/** The store row, locked until the transaction ends: changes to one store (staff included) run one at a time. */
export function lockStore(tx: Tx, storeId: string): Promise<Store | null> {
  return tx.manager.getRepository(Store).findOne({ where: { id: storeId }, lock: { mode: 'pessimistic_write' } });
}

/**
 * Passes for platform admins and the store's MERCHANTs (by `store_staff`, read in the store's own
 * transaction); anyone else gets FORBIDDEN and the transaction rolls back.
 */
export async function requireMerchant(context: SubgraphContext, tx: Tx, store: Store): Promise<void> {
  if (context.caller.roles.includes(Role.PLATFORM_ADMIN)) return;
  if ((await roleInTransaction(tx.manager, store.id, context.caller.userId)) === Role.MERCHANT) return;
  throw forbidden("Only the store's merchants and platform admins may change it");
}

/**
 * Why the caller may not change this store now, or null: a CLOSED store changes no more (STORE_CLOSED);
 * while the platform has it SUSPENDED its staff only read it (STORE_UNAVAILABLE), platform admins
 * still change it. Status transitions do not ask this (set-store-status.ts has its own table).
 */
export function changeRefusal(context: SubgraphContext, store: Store): UserError | null {
  if (store.status === StoreStatus.CLOSED) return StoreErrors.closed();
  if (!isPlatformAdmin(context) && !acceptsStaffChanges(store.status)) return StoreErrors.unavailable();
  return null;
}

/** The next version of the (locked) store, written with the change it counts. */
export async function bumpVersion(tx: Tx, store: Store): Promise<number> {
  store.version += 1;
  await tx.manager.query(`UPDATE store SET version = $2, updated_at = now() WHERE id = $1`, [store.id, store.version]);
  return store.version;
}
