import { randomUUID } from 'node:crypto';
import { createLogger } from '../src/logging/logger';
import { EventPruner, PRUNE_LOCK_KEY } from '../src/events/event-pruner';
import { openEventHarness, type EventHarness } from './support/event-harness';

const DAY_MS = 24 * 60 * 60 * 1000;
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

describe('pruning the event bookkeeping', () => {
  let harness: EventHarness;
  const pruner = () =>
    new EventPruner(harness.dataSource, createLogger('pruner-test', 'silent'), {
      outboxRetentionMs: 7 * DAY_MS,
      processedEventRetentionMs: 7 * DAY_MS,
      batchSize: 2,
    });

  /** An outbox row created `ageDays` ago, published then unless `published` is false. */
  const outboxRow = (ageDays: number, published = true) =>
    harness.dataSource.query(
      `INSERT INTO outbox_event (id, subject, envelope, created_at, published_at)
       VALUES ($1, 'test.subject', '{}', now() - $2 * interval '1 day', CASE WHEN $3 THEN now() - $2 * interval '1 day' END) RETURNING id`,
      [randomUUID(), ageDays, published],
    );
  const processedEvent = (ageDays: number) =>
    harness.dataSource.query(`INSERT INTO processed_event (consumer, event_id, processed_at) VALUES ('test-consumer', $1, now() - $2 * interval '1 day')`, [
      randomUUID(),
      ageDays,
    ]);
  const count = async (sql: string) => Number((await harness.dataSource.query(sql))[0].n);

  beforeAll(async () => {
    harness = await openEventHarness('prune', natsUrl);
  });

  afterAll(async () => {
    await harness.close();
  });

  beforeEach(async () => {
    await harness.dataSource.query('DELETE FROM outbox_event');
    await harness.dataSource.query('DELETE FROM processed_event');
  });

  it('deletes published outbox rows and processed-event records past their retention, in batches, and nothing else', async () => {
    for (const age of [8, 9, 10, 30, 365]) await outboxRow(age);
    await outboxRow(6);
    // never published (NATS down for days): kept whatever its age, the relay still owes it
    await outboxRow(30, false);
    for (const age of [8, 20, 100]) await processedEvent(age);
    await processedEvent(1);

    expect(await pruner().pruneOnce()).toEqual({ outboxRows: 5, processedEvents: 3 });
    expect(await count(`SELECT count(*) AS n FROM outbox_event WHERE published_at > now() - interval '7 days'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM outbox_event WHERE published_at IS NULL`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM outbox_event`)).toBe(2);
    expect(await count(`SELECT count(*) AS n FROM processed_event`)).toBe(1);
    expect(await pruner().pruneOnce()).toEqual({ outboxRows: 0, processedEvents: 0 });
  });

  it('leaves the work to the replica that holds the lock', async () => {
    await outboxRow(10);
    await processedEvent(10);
    const otherReplica = harness.dataSource.createQueryRunner();
    await otherReplica.query('SELECT pg_advisory_lock($1)', [PRUNE_LOCK_KEY]);
    try {
      expect(await pruner().pruneOnce()).toBeNull();
      expect(await count(`SELECT count(*) AS n FROM outbox_event`)).toBe(1);
      expect(await count(`SELECT count(*) AS n FROM processed_event`)).toBe(1);
    } finally {
      await otherReplica.query('SELECT pg_advisory_unlock($1)', [PRUNE_LOCK_KEY]);
      await otherReplica.release();
    }
    expect(await pruner().pruneOnce()).toEqual({ outboxRows: 1, processedEvents: 1 });
  });
});
