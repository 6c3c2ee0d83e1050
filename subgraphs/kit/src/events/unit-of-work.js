"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UnitOfWork = void 0;
exports.writeToOutbox = writeToOutbox;
const event_envelope_1 = require("./event-envelope");
const store_scope_1 = require("../tenancy/store-scope");
/** Writes an event into the outbox inside the caller's transaction. */
async function writeToOutbox(manager, names, envelope) {
    const entry = { id: envelope.id, subject: names.subject(envelope.type), envelope };
    await manager.query(`INSERT INTO outbox_event (id, subject, envelope) VALUES ($1, $2, $3)`, [entry.id, entry.subject, JSON.stringify(envelope)]);
    return entry;
}
/**
 * Transactions that may also record events. Each runs in a store scope (`app.store_id`): the
 * request's unit of work is bound to its caller's store (`forScope`); the process-wide one has no
 * scope, so background work names the store it works in (or PLATFORM_SCOPE) before touching
 * tenant-owned tables.
 */
class UnitOfWork {
    constructor(dataSource, names, 
    /** Called after a commit with the events the transaction wrote, in order (the relay publishes them at once). */
    afterCommitWithEvents, 
    /** The store this unit of work's transactions see; null sees no tenant-owned row. */
    scope = null) {
        this.dataSource = dataSource;
        this.names = names;
        this.afterCommitWithEvents = afterCommitWithEvents;
        this.scope = scope;
    }
    /** The same unit of work, its transactions scoped to `scope`. */
    forScope(scope) {
        return scope === this.scope ? this : new UnitOfWork(this.dataSource, this.names, this.afterCommitWithEvents, scope);
    }
    /** Runs `work` in one transaction; events it emits are written to the outbox in that transaction. */
    async run(trace, work) {
        const emitted = [];
        const result = await (0, store_scope_1.inScope)(this.dataSource, this.scope, (manager) => this.runIn(manager, trace, work, (entry) => emitted.push(entry)));
        if (emitted.length > 0)
            this.afterCommitWithEvents(emitted);
        return result;
    }
    /** The same inside a transaction someone else opened (the consumer runner's). */
    runIn(manager, trace, work, onEmit = () => undefined) {
        return work(this.txOf(manager, trace, onEmit, 0));
    }
    /** A Tx whose events go to `onEmit`; `depth` numbers nested savepoints, so each has its own name. */
    txOf(manager, trace, onEmit, depth) {
        return {
            manager,
            emit: async (event) => {
                const envelope = (0, event_envelope_1.envelopeFor)(event, trace);
                onEmit(await writeToOutbox(manager, this.names, envelope));
                return envelope;
            },
            savepoint: async (work) => {
                const name = `unit_of_work_${depth}`;
                // events emitted inside reach `onEmit` only once the savepoint is released
                const inside = [];
                await manager.query(`SAVEPOINT ${name}`);
                let result;
                try {
                    result = await work(this.txOf(manager, trace, (entry) => inside.push(entry), depth + 1));
                }
                catch (error) {
                    await manager.query(`ROLLBACK TO SAVEPOINT ${name}`);
                    throw error;
                }
                await manager.query(`RELEASE SAVEPOINT ${name}`);
                inside.forEach(onEmit);
                return result;
            },
        };
    }
}
exports.UnitOfWork = UnitOfWork;
//# sourceMappingURL=unit-of-work.js.map