import { DataSource, type MixedList, type EntitySchema, type Logger as TypeOrmLogger } from 'typeorm';
import type { Registry } from 'prom-client';
import type { KitConfig } from '../config/kit-config';
import type { Logger } from '../logging/logger';
export interface DataSourceOptions {
    entities: MixedList<Function | string | EntitySchema>;
    migrations: Function[];
}
/**
 * The subgraph's own database: created if missing; the kit's tables (outbox, processed events, the
 * row-level security function) and the subgraph's committed migrations run at start as the owner
 * (DATABASE_USER); the returned data source connects as the application role (DATABASE_APP_USER),
 * which row-level security binds. `synchronize` is never used.
 */
export declare function createDataSource(config: KitConfig, options: DataSourceOptions, registry: Registry, logger: Logger, statements?: TypeOrmLogger): Promise<DataSource>;
/**
 * A second, smaller pool on the same database for background work (consumers, outbox relay, pruning,
 * jobs), capped at BACKGROUND_POOL_SIZE: a burst of events queues for these connections and never
 * takes the ones requests need. Opened after `createDataSource` migrated.
 */
export declare function createBackgroundDataSource(config: KitConfig, options: DataSourceOptions, statements: TypeOrmLogger): Promise<DataSource>;
