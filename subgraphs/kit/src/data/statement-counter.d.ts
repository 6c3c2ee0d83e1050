import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';
import { type Registry } from 'prom-client';
import type { Logger } from '../logging/logger';
/** Marks work done for a GraphQL request, so its statements are told apart from background work. */
export declare const requestScope: AsyncLocalStorage<true>;
/**
 * A TypeORM logger that counts every SQL statement (exposed as `db_statements_total` on /metrics,
 * labelled `source="request"` or `source="background"` (outbox relay, consumers, jobs); tests and
 * benchmarks use the request count to prove that DataLoaders keep statements flat) and logs slow
 * or failing ones.
 */
export declare class StatementCounter implements TypeOrmLogger {
    private readonly logger;
    private readonly counter;
    constructor(registry: Registry, logger: Logger);
    logQuery(query: string, _parameters?: unknown[], _runner?: QueryRunner): void;
    logQueryError(error: string | Error, query: string): void;
    logQuerySlow(time: number, query: string): void;
    logSchemaBuild(message: string): void;
    logMigration(message: string): void;
    log(level: 'log' | 'info' | 'warn', message: unknown): void;
}
