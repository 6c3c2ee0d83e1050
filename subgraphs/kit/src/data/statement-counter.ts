import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';
import { Counter, type Registry } from 'prom-client';
import type { Logger } from '../logging/logger';
import { SCOPED_BEGIN } from '../tenancy/store-scope';

/** Marks work done for a GraphQL request, so its statements are told apart from background work. */
export const requestScope = new AsyncLocalStorage<true>();

/**
 * A TypeORM logger that counts every SQL statement (exposed as `db_statements_total` on /metrics,
 * labelled `source="request"` or `source="background"` (outbox relay, consumers, jobs); tests and
 * benchmarks use the request count to prove that DataLoaders keep statements flat) and logs slow
 * or failing ones.
 */
export class StatementCounter implements TypeOrmLogger {
  private readonly counter: Counter;

  constructor(
    registry: Registry,
    private readonly logger: Logger,
  ) {
    this.counter = new Counter({ name: 'db_statements_total', help: 'SQL statements sent to PostgreSQL', labelNames: ['source'], registers: [registry] });
  }

  logQuery(query: string, _parameters?: unknown[], _runner?: QueryRunner): void {
    // a scoped transaction's first message holds two statements
    this.counter.inc({ source: requestScope.getStore() ? 'request' : 'background' }, query.startsWith(SCOPED_BEGIN) ? 2 : 1);
    this.logger.trace({ query }, 'sql');
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.debug({ err: error, query }, 'sql failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ time, query }, 'slow sql');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.info(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn({ message }, 'typeorm');
    else this.logger.debug({ message }, 'typeorm');
  }
}
