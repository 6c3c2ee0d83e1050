import type { DataSource, EntityManager } from 'typeorm';
import { type StoreScope } from './store-scope';
/**
 * A request's way to read tenant-owned tables: every read is a transaction scoped to the caller's
 * store, so row-level security hides every other store's rows even if a query forgets its
 * `store_id` condition. Without a store (an anonymous caller who named none) reads are refused.
 */
export declare class StoreDb {
    private readonly dataSource;
    /** The caller's store, `*` for platform-wide callers, or null. */
    readonly scope: StoreScope | null;
    constructor(dataSource: DataSource, 
    /** The caller's store, `*` for platform-wide callers, or null. */
    scope: StoreScope | null);
    /**
     * The caller's store as a TypeORM `where` condition, on top of row-level security (defence in
     * depth): `{ storeId }`, or nothing in the platform scope. A caller without a store is refused.
     */
    whereStore(): {
        storeId?: string;
    };
    read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
}
