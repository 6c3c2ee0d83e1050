import type { DataSource } from 'typeorm';
import type { EventHandler } from '../events/consumer-runner';
import { inScope } from './store-scope';
import { isStoreStatus, StoreStatus } from './store-status';

const CACHE_MS = 2000;

interface StoreStatusEvent {
  status: StoreStatus;
}

/**
 * A subgraph's view of every store's status, from the stores subgraph's events. Lookups are cached
 * in the process for two seconds (a status change reaches every replica within that). A store this
 * subgraph has not heard of yet (its `stores.created` still on the way) counts as ACTIVE.
 */
export class StoreStatuses {
  private readonly cache = new Map<string, { status: StoreStatus; until: number }>();

  constructor(private readonly dataSource: DataSource) {}

  async of(storeId: string): Promise<StoreStatus> {
    const cached = this.cache.get(storeId);
    if (cached && cached.until > Date.now()) return cached.status;
    const rows: { status: string }[] = await inScope(this.dataSource, storeId, (manager) =>
      manager.query('SELECT status FROM store_status WHERE store_id = $1', [storeId]),
    );
    const status = rows.length > 0 && isStoreStatus(rows[0].status) ? rows[0].status : StoreStatus.ACTIVE;
    this.cache.set(storeId, { status, until: Date.now() + CACHE_MS });
    return status;
  }

  /** The consumers that keep `store_status` current; their names start with the subgraph's. */
  followers(service: string): EventHandler[] {
    const follow = (name: string, eventType: string): EventHandler =>
      ({
        name: `${service}-${name}`,
        eventType,
        handle: async (event, tx) => {
          const { status } = event.data as unknown as StoreStatusEvent;
          if (!isStoreStatus(status)) throw new Error(`${eventType} ${event.id} carries no status`);
          await tx.manager.query(
            `INSERT INTO store_status (store_id, status, version, updated_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (store_id) DO UPDATE SET status = EXCLUDED.status, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
             WHERE store_status.version < EXCLUDED.version`,
            [event.aggregateId, status, event.aggregateVersion, event.occurredAt],
          );
          this.cache.delete(event.aggregateId);
        },
      }) satisfies EventHandler;
    return [follow('store-created', 'stores.created'), follow('store-status', 'stores.status-changed')];
  }
}
