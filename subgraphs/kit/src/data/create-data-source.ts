import { DataSource, type MixedList, type EntitySchema, type Logger as TypeOrmLogger } from 'typeorm';
import type { Registry } from 'prom-client';
import type { KitConfig } from '../config/kit-config';
import type { Logger } from '../logging/logger';
import { ensureDatabase } from './ensure-database';
import { ensureAppRole, grantToAppRole } from './app-role';
import { StatementCounter } from './statement-counter';
import { kitMigrations } from '../events/kit-tables';

export interface DataSourceOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
}

/**
 * The subgraph's own database: created if missing; the kit's tables (outbox, processed events, the
 * row-level security function) and the subgraph's committed migrations run at start as the owner
 * (DATABASE_USER); the returned data source connects as the application role (DATABASE_APP_USER),
 * which row-level security binds. `synchronize` is never used.
 */
export async function createDataSource(
  config: KitConfig,
  options: DataSourceOptions,
  registry: Registry,
  logger: Logger,
  statements: TypeOrmLogger = new StatementCounter(registry, logger),
): Promise<DataSource> {
  await ensureDatabase(config.database);
  await migrateAsOwner(config, options, logger);
  return openAppDataSource(config, options, config.database.poolSize, `ultramarket-${config.service}`, statements);
}

/**
 * A second, smaller pool on the same database for background work (consumers, outbox relay, pruning,
 * jobs), capped at BACKGROUND_POOL_SIZE: a burst of events queues for these connections and never
 * takes the ones requests need. Opened after `createDataSource` migrated.
 */
export function createBackgroundDataSource(config: KitConfig, options: DataSourceOptions, statements: TypeOrmLogger): Promise<DataSource> {
  return openAppDataSource(config, options, config.database.backgroundPoolSize, `ultramarket-${config.service}-background`, statements);
}

async function openAppDataSource(
  config: KitConfig,
  options: DataSourceOptions,
  poolSize: number,
  applicationName: string,
  statements: TypeOrmLogger,
): Promise<DataSource> {
  const dataSource = new DataSource({
    ...connection(config, config.database.appUser, config.database.appPassword),
    entities: options.entities,
    synchronize: false,
    // extensions are the owner's business, in migrations
    installExtensions: false,
    maxQueryExecutionTime: 1000,
    logger: statements,
    // a database that cannot be reached fails a connection attempt after 10 s instead of never (a
    // partition would otherwise hold a consumer's event forever while its heartbeat keeps it leased)
    extra: { max: poolSize, application_name: applicationName, connectionTimeoutMillis: 10_000 },
  });
  await dataSource.initialize();
  return dataSource;
}

async function migrateAsOwner(config: KitConfig, options: DataSourceOptions, logger: Logger): Promise<void> {
  const owner = new DataSource({
    ...connection(config, config.database.user, config.database.password),
    migrations: [...kitMigrations, ...options.migrations],
    migrationsTableName: 'migrations',
    logger: migrationLogger(logger),
    extra: { max: 1, application_name: `ultramarket-${config.service}-migrate` },
  });
  await owner.initialize();
  try {
    // several replicas may start at once: one migrates while the others wait on the lock
    await owner.query('SELECT pg_advisory_lock(7261)');
    try {
      await ensureAppRole(owner, config.database);
      await owner.runMigrations({ transaction: 'each' });
      await grantToAppRole(owner, config.database);
    } finally {
      await owner.query('SELECT pg_advisory_unlock(7261)');
    }
  } finally {
    await owner.destroy();
  }
}

function connection(config: KitConfig, username: string, password: string | undefined) {
  const { host, port, name } = config.database;
  return { type: 'postgres' as const, host, port, username, password, database: name };
}

/** The owner's connection only migrates: its migration messages are logged, its statements at trace level. */
function migrationLogger(logger: Logger): TypeOrmLogger {
  return {
    logQuery: (query) => logger.trace({ query }, 'sql (owner)'),
    logQueryError: (error, query) => logger.debug({ err: error, query }, 'sql failed (owner)'),
    logQuerySlow: () => undefined,
    logSchemaBuild: (message) => logger.debug(message),
    logMigration: (message) => logger.info(message),
    log: (level, message) => (level === 'warn' ? logger.warn({ message }, 'typeorm') : logger.debug({ message }, 'typeorm')),
  };
}
