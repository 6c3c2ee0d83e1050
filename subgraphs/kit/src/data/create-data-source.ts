import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import type { Registry } from 'prom-client';
import type { KitConfig } from '../config/kit-config';
import type { Logger } from '../logging/logger';
import { ensureDatabase } from './ensure-database';
import { StatementCounter } from './statement-counter';
import { kitMigrations } from '../events/kit-tables';

export interface DataSourceOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
}

/**
 * The subgraph's own database: created if missing, the kit's tables (outbox, processed events) and
 * the subgraph's committed migrations run at start. `synchronize` is never used.
 */
export async function createDataSource(config: KitConfig, options: DataSourceOptions, registry: Registry, logger: Logger): Promise<DataSource> {
  await ensureDatabase(config.database);
  const dataSource = new DataSource({
    type: 'postgres',
    host: config.database.host,
    port: config.database.port,
    username: config.database.user,
    password: config.database.password,
    database: config.database.name,
    entities: options.entities,
    migrations: [...kitMigrations, ...options.migrations],
    migrationsTableName: 'migrations',
    synchronize: false,
    maxQueryExecutionTime: 1000,
    logger: new StatementCounter(registry, logger),
    extra: { max: config.database.poolSize, application_name: `ultramarket-${config.service}` },
  });
  await dataSource.initialize();
  // Several replicas may start at once: one migrates while the others wait on the lock.
  await dataSource.query('SELECT pg_advisory_lock(7261)');
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.query('SELECT pg_advisory_unlock(7261)');
  }
  return dataSource;
}
