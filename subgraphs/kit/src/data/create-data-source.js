"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createDataSource = createDataSource;
exports.createBackgroundDataSource = createBackgroundDataSource;
const typeorm_1 = require("typeorm");
const ensure_database_1 = require("./ensure-database");
const app_role_1 = require("./app-role");
const statement_counter_1 = require("./statement-counter");
const kit_tables_1 = require("../events/kit-tables");
/**
 * The subgraph's own database: created if missing; the kit's tables (outbox, processed events, the
 * row-level security function) and the subgraph's committed migrations run at start as the owner
 * (DATABASE_USER); the returned data source connects as the application role (DATABASE_APP_USER),
 * which row-level security binds. `synchronize` is never used.
 */
async function createDataSource(config, options, registry, logger, statements = new statement_counter_1.StatementCounter(registry, logger)) {
    await (0, ensure_database_1.ensureDatabase)(config.database);
    await migrateAsOwner(config, options, logger);
    return openAppDataSource(config, options, config.database.poolSize, `ultramarket-${config.service}`, statements);
}
/**
 * A second, smaller pool on the same database for background work (consumers, outbox relay, pruning,
 * jobs), capped at BACKGROUND_POOL_SIZE: a burst of events queues for these connections and never
 * takes the ones requests need. Opened after `createDataSource` migrated.
 */
function createBackgroundDataSource(config, options, statements) {
    return openAppDataSource(config, options, config.database.backgroundPoolSize, `ultramarket-${config.service}-background`, statements);
}
async function openAppDataSource(config, options, poolSize, applicationName, statements) {
    const dataSource = new typeorm_1.DataSource({
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
async function migrateAsOwner(config, options, logger) {
    const owner = new typeorm_1.DataSource({
        ...connection(config, config.database.user, config.database.password),
        migrations: [...kit_tables_1.kitMigrations, ...options.migrations],
        migrationsTableName: 'migrations',
        logger: migrationLogger(logger),
        extra: { max: 1, application_name: `ultramarket-${config.service}-migrate` },
    });
    await owner.initialize();
    try {
        // several replicas may start at once: one migrates while the others wait on the lock
        await owner.query('SELECT pg_advisory_lock(7261)');
        try {
            await (0, app_role_1.ensureAppRole)(owner, config.database);
            await owner.runMigrations({ transaction: 'each' });
            await (0, app_role_1.grantToAppRole)(owner, config.database);
        }
        finally {
            await owner.query('SELECT pg_advisory_unlock(7261)');
        }
    }
    finally {
        await owner.destroy();
    }
}
function connection(config, username, password) {
    const { host, port, name } = config.database;
    return { type: 'postgres', host, port, username, password, database: name };
}
/** The owner's connection only migrates: its migration messages are logged, its statements at trace level. */
function migrationLogger(logger) {
    return {
        logQuery: (query) => logger.trace({ query }, 'sql (owner)'),
        logQueryError: (error, query) => logger.debug({ err: error, query }, 'sql failed (owner)'),
        logQuerySlow: () => undefined,
        logSchemaBuild: (message) => logger.debug(message),
        logMigration: (message) => logger.info(message),
        log: (level, message) => (level === 'warn' ? logger.warn({ message }, 'typeorm') : logger.debug({ message }, 'typeorm')),
    };
}
//# sourceMappingURL=create-data-source.js.map