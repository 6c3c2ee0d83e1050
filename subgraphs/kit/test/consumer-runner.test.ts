import { randomUUID } from 'node:crypto';
import { createLogger } from '../src/logging/logger';
import { ensureStream } from '../src/events/streams';
import { ConsumerRunner, type EventHandler } from '../src/events/consumer-runner';
import { envelopeFor, type EventEnvelope } from '../src/events/event-envelope';
import { UnitOfWork } from '../src/events/unit-of-work';
import { inScope } from '../src/tenancy/store-scope';
import { openEventHarness, testEffectTable, storedMessages, type EventHarness } from './support/event-harness';
import { eventually } from './support/test-names';

const storeId = '6b1c1f4e-4b2a-4c39-9a55-0c1d2e3f4a5b';

/** What the test handlers write: a tenant-owned table, as a subgraph's would be. */
const CreateTestEffect1763769609999 = testEffectTable(
  'CreateTestEffect1763769609999',
  'store_id uuid NOT NULL, event_id uuid NOT NULL, event_type text NOT NULL',
);
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

describe('durable consumer runner', () => {
  let harness: EventHarness;
  let runner: ConsumerRunner;
  const attempts = new Map<string, number>();

  const effects = async (eventType: string) =>
    Number(
      (await inScope(harness.dataSource, storeId, (manager) => manager.query(`SELECT count(*) AS n FROM test_effect WHERE event_type = $1`, [eventType])))[0].n,
    );

  /** Publishes an envelope; a second call with the same envelope and another msgID is what a redelivery looks like. */
  const publish = (event: EventEnvelope, msgID = event.id) => harness.js.publish(harness.names.subject(event.type), JSON.stringify(event), { msgID });

  const handler = (eventType: string, failuresBeforeSuccess: number): EventHandler => ({
    name: `test-${eventType.replace('.', '-')}`,
    eventType,
    async handle(event, tx) {
      const attempt = (attempts.get(event.id) ?? 0) + 1;
      attempts.set(event.id, attempt);
      // the effect is written first: a failure after it must roll it back
      // row-level security admits the row only because the runner entered the event's store
      await tx.manager.query(`INSERT INTO test_effect (store_id, event_id, event_type) VALUES ($1, $2, $3)`, [event.storeId, event.id, event.type]);
      if (attempt <= failuresBeforeSuccess) throw new Error(`passing failure ${attempt}`);
    },
  });

  beforeAll(async () => {
    harness = await openEventHarness('consumer', natsUrl, [CreateTestEffect1763769609999]);
    await ensureStream(harness.jsm, harness.names, 'orders');
    await ensureStream(harness.jsm, harness.names, 'deadletter');
    const unitOfWork = new UnitOfWork(harness.dataSource, harness.names, () => undefined);
    runner = new ConsumerRunner({
      js: harness.js,
      jsm: harness.jsm,
      dataSource: harness.dataSource,
      unitOfWork,
      names: harness.names,
      logger: createLogger('consumer-test', 'silent'),
      maxDeliveries: 3,
      concurrency: 4,
      ackWaitMs: 10_000,
      onEventsEmitted: () => undefined,
    });
    await runner.start(handler('orders.created', 0));
    await runner.start(handler('orders.flaky', 2));
    await runner.start(handler('orders.poison', Number.POSITIVE_INFINITY));
  });

  afterAll(async () => {
    await runner.stop();
    for (const stream of ['orders', 'deadletter']) await harness.jsm.streams.delete(harness.names.stream(stream));
    await harness.close();
  });

  const newEvent = (type: string) => envelopeFor({ type, storeId, aggregateId: randomUUID(), data: {} }, { correlationId: randomUUID(), causationId: null });

  it('handles an event once even when it is delivered again', async () => {
    const event = newEvent('orders.created');
    await publish(event);
    await eventually(async () => (await effects('orders.created')) === 1, 10_000, 'the first delivery');
    await publish(event, `${event.id}-redelivered`);
    const durable = harness.names.durable('test-orders-created');
    await eventually(
      async () => {
        const info = await harness.jsm.consumers.info(harness.names.stream('orders'), durable);
        return info.delivered.stream_seq >= 2 && info.num_ack_pending === 0 && info.num_pending === 0;
      },
      10_000,
      'the redelivery to be acknowledged',
    );
    expect(await effects('orders.created')).toBe(1);
    expect(attempts.get(event.id)).toBe(1);
  });

  it('retries a passing failure and applies its effect once', async () => {
    const event = newEvent('orders.flaky');
    await publish(event);
    await eventually(async () => (await effects('orders.flaky')) === 1, 15_000, 'the retry to succeed');
    expect(attempts.get(event.id)).toBe(3);
  });

  it('moves an event that keeps failing to the dead-letter subject after the bounded deliveries', async () => {
    const event = newEvent('orders.poison');
    await publish(event);
    const durable = harness.names.durable('test-orders-poison');
    const deadLetters = await eventually(
      async () => {
        const stored = await storedMessages(harness, harness.names.deadLetterStream(), harness.names.deadLetterSubject(durable));
        return stored.length > 0 ? stored : undefined;
      },
      15_000,
      'the dead letter',
    );
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0].data.id).toBe(event.id);
    expect(deadLetters[0].headers).toMatchObject({ Deliveries: '3', Consumer: durable, 'Original-Subject': harness.names.subject('orders.poison') });
    expect(deadLetters[0].headers.Error).toContain('passing failure 3');
    expect(attempts.get(event.id)).toBe(3);
    expect(await effects('orders.poison')).toBe(0);
  });
});
