import type { DataSource, EntityManager } from 'typeorm';
import { inScope, PLATFORM_SCOPE, storeRequired, type StoreScope } from './store-scope';

/**
 * A request's way to read tenant-owned tables: every read is a transaction scoped to the caller's
 * store, so row-level security hides every other store's rows even if a query forgets its
 * `store_id` condition. Without a store (an anonymous caller who named none) reads are refused.
 */
export class StoreDb {
  constructor(
    private readonly dataSource: DataSource,
    /** The caller's store, `*` for platform-wide callers, or null. */
    readonly scope: StoreScope | null,
  ) {}

  /**
   * The caller's store as a TypeORM `where` condition, on top of row-level security (defence in
   * depth): `{ storeId }`, or nothing in the platform scope. A caller without a store is refused.
   */
  whereStore(): { storeId?: string } {
    if (this.scope === null) throw storeRequired();
    return this.scope === PLATFORM_SCOPE ? {} : { storeId: this.scope };
  }

  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.scope === null) return Promise.reject(storeRequired());
    return inScope(this.dataSource, this.scope, work);
  }
}
