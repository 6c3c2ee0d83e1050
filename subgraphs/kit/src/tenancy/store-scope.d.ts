import type { DataSource, EntityManager } from 'typeorm';
import type { Caller } from '../caller/caller';
/**
 * The store a transaction may see, set with `set_config('app.store_id', …, true)` at its start and
 * read by every tenant-owned table's row-level security policy. A store's id, or `*` for the few
 * deliberately platform-wide paths (platform admins without a store, background sweeps, events that
 * belong to no store). A transaction that sets nothing cannot read or write any tenant-owned row.
 */
export type StoreScope = string;
export declare const PLATFORM_SCOPE: StoreScope;
export declare function isStoreScope(value: unknown): value is StoreScope;
/** The scope a caller's requests run in: their store; all stores for a platform admin without one; none otherwise. */
export declare function scopeOf(caller: Caller): StoreScope | null;
/** Sets the store for the rest of the current transaction (and only that transaction). */
export declare function enterScope(manager: EntityManager, scope: StoreScope): Promise<void>;
/** How a scoped transaction's first message starts: the statement counter counts it as two statements. */
export declare const SCOPED_BEGIN = "START TRANSACTION; SELECT set_config";
/**
 * Runs `work` in one transaction that sees only `scope`'s rows (with null, no store's rows), as
 * `DataSource.transaction` would, except that the transaction is opened and given its store in one
 * round trip: `START TRANSACTION; SELECT set_config('app.store_id', …, true)` as one simple-protocol
 * message. The scope is a checked uuid or `*`, never caller text, so it can be written into the SQL.
 */
export declare function inScope<T>(dataSource: DataSource, scope: StoreScope | null, work: (manager: EntityManager) => Promise<T>): Promise<T>;
export declare function storeRequired(): Error;
