import { randomUUID } from 'node:crypto';
import { createLogger } from '../src/logging/logger';
import { ensureStream } from '../src/events/streams';
import { ConsumerRunner, PermanentEventError } from '../src/events/consumer-runner';
import { envelopeFor } from '../src/events/event-envelope';
import { UnitOfWork, type OutboxEntry } from '../src/events/unit-of-work';
import { inScope, PLATFORM_SCOPE } from '../src/tenancy/store-scope';
import { openEventHarness, testEffectTable, storedMessages, type EventHarness } from './support/event-harness';
import { eventually } from './support/test-names';

// these tests drive the outbox's mechanics with made-up events; contracts are checked in event-contract.test.ts
process.env.EVENT_CONTRACT_CHECK = 'off';

const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const storeA = randomUUID();
const storeB = randomUUID();

const CreateBatchEffect1763769609995 = testEffectTable(
  'CreateBatchEffect1763769609995',
  'store_id uuid NOT NULL, event_id uuid NOT NULL, transaction_id bigint NOT NULL',
);

describe('consumer batches', () => {
  let harness: EventHarness;
  let runner: ConsumerRunner;
  const attempts = new Map<string, number>();
  const emitted: OutboxEntry[] = [];

  const effects = async () =>
    (await inScope(harness.dataSource, PLATFORM_SCOPE, (manager) =>
      manager.query(`SELECT store_id, event_id, transaction_id::text AS transaction_id FROM test_effect`),
    )) as { store_id: string; event_id: string; transaction_id: string }[];

  beforeAll(async () => {
    harness = await openEventHarness('batch', natsUrl, [CreateBatchEffect1763769609995]);
    for (const domain of ['orders', 'deadletter']) await ensureStream(harness.jsm, harness.names, domain);
  });

  afterAll(async () => {
    await runner?.stop();
    for (const domain of ['orders', 'deadletter']) await harness.jsm.streams.delete(harness.names.stream(domain));
    await harness.close();
  });

  it('handles each store’s waiting events in shared transactions, one failing event rolled back and retried or parked alone', async () => {
    // published before the consumer starts, so its first pulls find them all waiting
    const events = Array.from({ length: 24 }, (_, index) =>
      envelopeFor(
        { type: 'orders.batched', storeId: index % 2 === 0 ? storeA : storeB, aggregateId: randomUUID(), data: { index } },
        { correlationId: randomUUID(), causationId: null },
      ),
    );
    const flaky = events[5].id;
    const poison = events[8].id;
    for (const event of events) await harness.js.publish(harness.names.subject(event.type), JSON.stringify(event), { msgID: event.id });

    runner = new ConsumerRunner({
      js: harness.js,
      jsm: harness.jsm,
      dataSource: harness.dataSource,
      unitOfWork: new UnitOfWork(harness.dataSource, harness.names, () => undefined),
      names: harness.names,
      logger: createLogger('batch-test', 'silent'),
      maxDeliveries: 3,
      concurrency: 24,
      ackWaitMs: 10_000,
      onEventsEmitted: (entries) => emitted.push(...entries),
    });
    await runner.start({
      name: 'batch-handler',
      eventType: 'orders.batched',
      async handle(event, tx) {
        const attempt = (attempts.get(event.id) ?? 0) + 1;
        attempts.set(event.id, attempt);
        await tx.manager.query(`INSERT INTO test_effect (store_id, event_id, transaction_id) VALUES ($1, $2, txid_current())`, [event.storeId, event.id]);
        await tx.emit({ type: 'orders.batch-followed', storeId: event.storeId, aggregateId: event.aggregateId, data: { cause: event.id } });
        if (event.id === poison) throw new PermanentEventError('never');
        if (event.id === flaky && attempt === 1) throw new Error('passing failure');
      },
    });

    await eventually(async () => (await effects()).length === 23, 20_000, 'every event but the poisoned one');
    const durable = harness.names.durable('batch-handler');
    await eventually(
      async () => {
        const info = await harness.jsm.consumers.info(harness.names.stream('orders'), durable);
        return info.num_ack_pending === 0 && info.num_pending === 0;
      },
      15_000,
      'every event to be acknowledged',
    );
    const rows = await effects();
    expect(new Set(rows.map((row) => row.event_id)).size).toBe(23);
    expect(rows.map((row) => row.event_id)).not.toContain(poison);
    // fewer transactions than events, and never two stores in one
    const transactions = new Map<string, Set<string>>();
    for (const row of rows) transactions.set(row.transaction_id, (transactions.get(row.transaction_id) ?? new Set()).add(row.store_id));
    expect(transactions.size).toBeLessThan(23);
    for (const stores of transactions.values()) expect(stores.size).toBe(1);
    // the failing events' effects and events were rolled back with their savepoint, the others' kept
    expect(attempts.get(flaky)).toBe(2);
    expect(attempts.get(poison)).toBe(1);
    expect(emitted.map((entry) => (entry.envelope.data as { cause: string }).cause).sort()).toEqual(
      events
        .map((event) => event.id)
        .filter((id) => id !== poison)
        .sort(),
    );
    const outbox = await harness.dataSource.query(`SELECT envelope->'data'->>'cause' AS cause FROM outbox_event`);
    expect(outbox.map((row: { cause: string }) => row.cause)).not.toContain(poison);
    expect(outbox).toHaveLength(23);
    const processed = await harness.dataSource.query(`SELECT event_id FROM processed_event WHERE consumer = $1`, [durable]);
    expect(processed.map((row: { event_id: string }) => row.event_id)).not.toContain(poison);
    expect(processed).toHaveLength(23);
    const parked = await storedMessages(harness, harness.names.deadLetterStream(), harness.names.deadLetterSubject(durable));
    expect(parked.map((letter) => letter.data.id)).toEqual([poison]);
  });
});
