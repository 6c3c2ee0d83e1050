import type { DataSource } from 'typeorm';
import type { Logger } from '../logging/logger';

/** The advisory lock whose holder prunes; any other replica of the subgraph skips its turn. */
export const PRUNE_LOCK_KEY = 7262;

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
export class EventPruner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    private readonly options: EventPrunerOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One prune; null when another replica holds the lock. */
  async pruneOnce(): Promise<PruneResult | null> {
    const outboxRows = await this.deleteInBatches(
      `DELETE FROM outbox_event WHERE seq IN (
         SELECT seq FROM outbox_event WHERE published_at < now() - $1 * interval '1 millisecond' LIMIT $2)`,
      this.options.outboxRetentionMs,
    );
    if (outboxRows === null) return null;
    const processedEvents = await this.deleteInBatches(
      `DELETE FROM processed_event WHERE (consumer, event_id) IN (
         SELECT consumer, event_id FROM processed_event WHERE processed_at < now() - $1 * interval '1 millisecond' LIMIT $2)`,
      this.options.processedEventRetentionMs,
    );
    if (processedEvents === null) return null;
    return { outboxRows, processedEvents };
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(
      () => {
        this.running = this.pruneOnce()
          .then((result) => {
            if (result && result.outboxRows + result.processedEvents > 0) this.logger.info(result, 'pruned event bookkeeping');
          })
          .catch((error) => this.logger.warn({ err: error }, 'could not prune event bookkeeping; will try again'))
          .finally(() => this.schedule());
      },
      this.options.intervalMs ?? 5 * 60_000,
    );
    this.timer.unref();
  }

  /** Deleted rows, or null when the lock was taken by another replica at the first batch. */
  private async deleteInBatches(sql: string, retentionMs: number): Promise<number | null> {
    const batchSize = this.options.batchSize ?? 1000;
    let total = 0;
    for (;;) {
      const deleted = await this.dataSource.transaction(async (manager) => {
        const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [PRUNE_LOCK_KEY])) as { locked: boolean }[];
        if (!locked) return null;
        const [, count] = (await manager.query(sql, [retentionMs, batchSize])) as [unknown, number];
        return count;
      });
      if (deleted === null) return total === 0 ? null : total;
      total += deleted;
      if (deleted < batchSize || this.stopped) return total;
    }
  }
}
