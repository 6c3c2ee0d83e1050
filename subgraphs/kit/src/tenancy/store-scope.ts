import type { DataSource, EntityManager } from 'typeorm';
import { badUserInput } from '../errors/graphql-errors';
import { Role } from '../caller/role';
import type { Caller } from '../caller/caller';
import { isUuid } from '../graphql/ids';

/**
 * The store a transaction may see, set with `set_config('app.store_id', …, true)` at its start and
 * read by every tenant-owned table's row-level security policy. A store's id, or `*` for the few
 * deliberately platform-wide paths (platform admins without a store, background sweeps, events that
 * belong to no store). A transaction that sets nothing cannot read or write any tenant-owned row.
 */
export type StoreScope = string;

export const PLATFORM_SCOPE: StoreScope = '*';

export function isStoreScope(value: unknown): value is StoreScope {
  return value === PLATFORM_SCOPE || isUuid(value);
}

/** The scope a caller's requests run in: their store; all stores for a platform admin without one; none otherwise. */
export function scopeOf(caller: Caller): StoreScope | null {
  if (caller.storeId) return caller.storeId;
  if (caller.roles.includes(Role.PLATFORM_ADMIN)) return PLATFORM_SCOPE;
  return null;
}

/** Sets the store for the rest of the current transaction (and only that transaction). */
export async function enterScope(manager: EntityManager, scope: StoreScope): Promise<void> {
  if (!isStoreScope(scope)) throw new Error(`Not a store scope: ${String(scope)}`);
  await manager.query(`SELECT set_config('app.store_id', $1, true)`, [scope]);
}

/** Runs `work` in one transaction that sees only `scope`'s rows. */
export function inScope<T>(dataSource: DataSource, scope: StoreScope, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction(async (manager) => {
    await enterScope(manager, scope);
    return work(manager);
  });
}

export function storeRequired(): Error {
  return badUserInput('This needs a store: use a token issued for one, or name it with the X-Store-Id header');
}
