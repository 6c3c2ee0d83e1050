import type { DataSource } from 'typeorm';
import type { Logger } from '../logging/logger';
/** The advisory lock whose holder prunes; any other replica of the subgraph skips its turn. */
export declare const PRUNE_LOCK_KEY = 7262;
export interface EventPrunerOptions {
    /** Published outbox rows older than this go (OUTBOX_RETENTION). */
    outboxRetentionMs: number;
    /** Processed-event records older than this go (PROCESSED_EVENT_RETENTION). */
    processedEventRetentionMs: number;
    /** Between two prunes. */
    intervalMs?: number;
    /** Rows deleted per transaction, so a prune never holds many row locks or a long transaction. */
    batchSize?: number;
}
export interface PruneResult {
    outboxRows: number;
    processedEvents: number;
}
/**
 * Deletes the kit's bookkeeping rows once they have served their purpose: published outbox rows
 * after OUTBOX_RETENTION, processed-event records after PROCESSED_EVENT_RETENTION (which outlives
 * the stream's copies, so no redelivery can find its record gone). In the background, in batches
 * of one short transaction each, by one replica at a time (a transaction-level advisory lock: the
 * replica that cannot take it skips its turn).
 */
export declare class EventPruner {
    private readonly dataSource;
    private readonly logger;
    private readonly options;
    private timer;
    private running;
    private stopped;
    constructor(dataSource: DataSource, logger: Logger, options: EventPrunerOptions);
    start(): void;
    stop(): Promise<void>;
    /** One prune; null when another replica holds the lock. */
    pruneOnce(): Promise<PruneResult | null>;
    private schedule;
    /** Deleted rows, or null when the lock was taken by another replica at the first batch. */
    private deleteInBatches;
}
