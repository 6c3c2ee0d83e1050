"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EventPruner = exports.PRUNE_LOCK_KEY = void 0;
/** The advisory lock whose holder prunes; any other replica of the subgraph skips its turn. */
exports.PRUNE_LOCK_KEY = 7262;
/**
 * Deletes the kit's bookkeeping rows once they have served their purpose: published outbox rows
 * after OUTBOX_RETENTION, processed-event records after PROCESSED_EVENT_RETENTION (which outlives
 * the stream's copies, so no redelivery can find its record gone). In the background, in batches
 * of one short transaction each, by one replica at a time (a transaction-level advisory lock: the
 * replica that cannot take it skips its turn).
 */
class EventPruner {
    constructor(dataSource, logger, options) {
        this.dataSource = dataSource;
        this.logger = logger;
        this.options = options;
        this.timer = null;
        this.running = Promise.resolve();
        this.stopped = false;
    }
    start() {
        this.stopped = false;
        this.schedule();
    }
    async stop() {
        this.stopped = true;
        if (this.timer)
            clearTimeout(this.timer);
        await this.running;
    }
    /** One prune; null when another replica holds the lock. */
    async pruneOnce() {
        const outboxRows = await this.deleteInBatches(`DELETE FROM outbox_event WHERE seq IN (
         SELECT seq FROM outbox_event WHERE published_at < now() - $1 * interval '1 millisecond' LIMIT $2)`, this.options.outboxRetentionMs);
        if (outboxRows === null)
            return null;
        const processedEvents = await this.deleteInBatches(`DELETE FROM processed_event WHERE (consumer, event_id) IN (
         SELECT consumer, event_id FROM processed_event WHERE processed_at < now() - $1 * interval '1 millisecond' LIMIT $2)`, this.options.processedEventRetentionMs);
        if (processedEvents === null)
            return null;
        return { outboxRows, processedEvents };
    }
    schedule() {
        if (this.stopped)
            return;
        this.timer = setTimeout(() => {
            this.running = this.pruneOnce()
                .then((result) => {
                if (result && result.outboxRows + result.processedEvents > 0)
                    this.logger.info(result, 'pruned event bookkeeping');
            })
                .catch((error) => this.logger.warn({ err: error }, 'could not prune event bookkeeping; will try again'))
                .finally(() => this.schedule());
        }, this.options.intervalMs ?? 5 * 60_000);
        this.timer.unref();
    }
    /** Deleted rows, or null when the lock was taken by another replica at the first batch. */
    async deleteInBatches(sql, retentionMs) {
        const batchSize = this.options.batchSize ?? 1000;
        let total = 0;
        for (;;) {
            const deleted = await this.dataSource.transaction(async (manager) => {
                const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [exports.PRUNE_LOCK_KEY]));
                if (!locked)
                    return null;
                const [, count] = (await manager.query(sql, [retentionMs, batchSize]));
                return count;
            });
            if (deleted === null)
                return total === 0 ? null : total;
            total += deleted;
            if (deleted < batchSize || this.stopped)
                return total;
        }
    }
}
exports.EventPruner = EventPruner;
//# sourceMappingURL=event-pruner.js.map