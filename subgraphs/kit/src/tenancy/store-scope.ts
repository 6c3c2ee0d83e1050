import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
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

/** How a scoped transaction's first message starts: the statement counter counts it as two statements. */
export const SCOPED_BEGIN = 'START TRANSACTION; SELECT set_config';

/**
 * Runs `work` in one transaction that sees only `scope`'s rows (with null, no store's rows), as
 * `DataSource.transaction` would, except that the transaction is opened and given its store in one
 * round trip: `START TRANSACTION; SELECT set_config('app.store_id', …, true)` as one simple-protocol
 * message. The scope is a checked uuid or `*`, never caller text, so it can be written into the SQL.
 */
export async function inScope<T>(dataSource: DataSource, scope: StoreScope | null, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (scope !== null && !isStoreScope(scope)) throw new Error(`Not a store scope: ${String(scope)}`);
  const runner = dataSource.createQueryRunner();
  try {
    await beginScoped(runner, scope);
    const result = await work(runner.manager);
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

/**
 * TypeORM's own `startTransaction` (so its transaction state stays right), with its
 * `START TRANSACTION` sent together with the scope. Should TypeORM ever open the transaction another
 * way, the scope is set by a statement of its own.
 */
async function beginScoped(runner: QueryRunner, scope: StoreScope | null): Promise<void> {
  if (scope === null) return runner.startTransaction();
  const query = runner.query.bind(runner);
  let scoped = false;
  const scopedQuery = (sql: string, ...rest: unknown[]) => {
    if (sql !== 'START TRANSACTION' || scoped) return (query as (...args: unknown[]) => Promise<unknown>)(sql, ...rest);
    scoped = true;
    return query(`${SCOPED_BEGIN}('app.store_id', '${scope}', true)`);
  };
  runner.query = scopedQuery as QueryRunner['query'];
  try {
    await runner.startTransaction();
  } finally {
    // back to the prototype's method
    delete (runner as { query?: unknown }).query;
  }
  if (!scoped) await enterScope(runner.manager, scope);
}

export function storeRequired(): Error {
  return badUserInput('This needs a store: use a token issued for one, or name it with the X-Store-Id header');
}
