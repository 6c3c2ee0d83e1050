import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';
import { Counter, type Registry } from 'prom-client';
import type { Logger } from '../logging/logger';

/**
 * A TypeORM logger that counts every SQL statement (exposed as `db_statements_total` on /metrics,
 * which is how tests and benchmarks prove that DataLoaders keep statements flat) and logs slow or
 * failing ones.
 */
export class StatementCounter implements TypeOrmLogger {
  private readonly counter: Counter;

  constructor(
    registry: Registry,
    private readonly logger: Logger,
  ) {
    this.counter = new Counter({ name: 'db_statements_total', help: 'SQL statements sent to PostgreSQL', registers: [registry] });
  }

  logQuery(query: string, _parameters?: unknown[], _runner?: QueryRunner): void {
    this.counter.inc();
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
