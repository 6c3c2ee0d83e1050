import type { DataSource } from 'typeorm';
import type { JetStreamClient } from 'nats';
import { headers as natsHeaders } from 'nats';
import type { Logger } from '../logging/logger';
import { requestScope } from '../data/statement-counter';

interface OutboxRow {
  id: string;
  subject: string;
  envelope: Record<string, unknown>;
}

/**
 * Publishes what transactions wrote to the outbox, in order, with Nats-Msg-Id = event id so a
 * re-publish after a crash is dropped by JetStream. Woken right after a commit (`kick`) and by a
 * poll as a safety net; while NATS is down it backs off and catches up when it returns.
 */
export class OutboxRelay {
  private running = false;
  private wakeRequested = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private failures = 0;
  private idle: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly js: JetStreamClient,
    private readonly logger: Logger,
    private readonly pollMs: number,
    private readonly batchSize = 200,
  ) {}

  start(): void {
    this.stopped = false;
    this.kick();
  }

  /** Publish now (called after a transaction that wrote events commits). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = true;
    // kicked from inside a request: leave its async context, this is background work
    this.idle = requestScope
      .exit(() => this.drain())
      .finally(() => {
        this.running = false;
        if (this.stopped) return;
        if (this.wakeRequested && this.failures === 0) {
          this.wakeRequested = false;
          this.kick();
        } else {
          const delay = this.failures === 0 ? this.pollMs : Math.min(this.pollMs * 2 ** this.failures, 30_000);
          this.timer = setTimeout(() => this.kick(), delay);
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.idle;
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const published = await this.publishBatch();
        if (published < this.batchSize) break;
      }
      if (this.failures > 0) this.logger.info('outbox relay caught up');
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      if (this.failures === 1 || this.failures % 10 === 0) this.logger.warn({ err: error, failures: this.failures }, 'outbox relay cannot publish; will retry');
    }
  }

  /** One transaction: lock a batch (other replicas skip it), publish, mark published. */
  private async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, subject, envelope FROM outbox_event WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (rows.length === 0) return 0;
      // Sent back to back on one connection, so JetStream stores them in this order.
      await Promise.all(
        rows.map((row) => {
          const headers = natsHeaders();
          headers.set('Correlation-Id', String(row.envelope.correlationId ?? ''));
          return this.js.publish(row.subject, JSON.stringify(row.envelope), { msgID: row.id, headers, timeout: 5000 });
        }),
      );
      await manager.query(`UPDATE outbox_event SET published_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((row) => row.id)]);
      return rows.length;
    });
  }
}
