"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.StatementCounter = exports.requestScope = void 0;
const node_async_hooks_1 = require("node:async_hooks");
const prom_client_1 = require("prom-client");
const store_scope_1 = require("../tenancy/store-scope");
/** Marks work done for a GraphQL request, so its statements are told apart from background work. */
exports.requestScope = new node_async_hooks_1.AsyncLocalStorage();
/**
 * A TypeORM logger that counts every SQL statement (exposed as `db_statements_total` on /metrics,
 * labelled `source="request"` or `source="background"` (outbox relay, consumers, jobs); tests and
 * benchmarks use the request count to prove that DataLoaders keep statements flat) and logs slow
 * or failing ones.
 */
class StatementCounter {
    constructor(registry, logger) {
        this.logger = logger;
        this.counter = new prom_client_1.Counter({ name: 'db_statements_total', help: 'SQL statements sent to PostgreSQL', labelNames: ['source'], registers: [registry] });
    }
    logQuery(query, _parameters, _runner) {
        // a scoped transaction's first message holds two statements
        this.counter.inc({ source: exports.requestScope.getStore() ? 'request' : 'background' }, query.startsWith(store_scope_1.SCOPED_BEGIN) ? 2 : 1);
        this.logger.trace({ query }, 'sql');
    }
    logQueryError(error, query) {
        this.logger.debug({ err: error, query }, 'sql failed');
    }
    logQuerySlow(time, query) {
        this.logger.warn({ time, query }, 'slow sql');
    }
    logSchemaBuild(message) {
        this.logger.debug(message);
    }
    logMigration(message) {
        this.logger.info(message);
    }
    log(level, message) {
        if (level === 'warn')
            this.logger.warn({ message }, 'typeorm');
        else
            this.logger.debug({ message }, 'typeorm');
    }
}
exports.StatementCounter = StatementCounter;
//# sourceMappingURL=statement-counter.js.map