import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { ensureStream } from '../src/events/streams';
import { ConsumerRunner, type EventHandler } from '../src/events/consumer-runner';
import { RetryableEventError } from '../src/events/transient-error';
import { envelopeFor } from '../src/events/event-envelope';
import { UnitOfWork } from '../src/events/unit-of-work';
import { inScope } from '../src/tenancy/store-scope';
import { openEventHarness, testEffectTable, storedMessages, type EventHarness } from './support/event-harness';
import { TcpProxy } from './support/tcp-proxy';
import { eventually } from './support/test-names';

const storeId = '6b1c1f4e-4b2a-4c39-9a55-0c1d2e3f4a5b';
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const MAX_DELIVERIES = 3;

const CreateOutageEffect1763769609998 = testEffectTable(
  'CreateOutageEffect1763769609998',
  'store_id uuid NOT NULL, event_id uuid NOT NULL, event_type text NOT NULL',
);

/** Counts the runner's "failed transiently" log lines per event: how many tries an outage has cost each one. */
class TransientFailureLog extends Writable {
  readonly triesByEvent = new Map<string, number>();
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      const entry = JSON.parse(line) as { msg?: string; eventId?: string };
      if (entry.msg?.includes('failed transiently') && entry.eventId) this.triesByEvent.set(entry.eventId, (this.triesByEvent.get(entry.eventId) ?? 0) + 1);
    }
    done();
  }
}

describe('consumers through a database outage', () => {
  const proxy = new TcpProxy();
  const failures = new TransientFailureLog();
  const runners: ConsumerRunner[] = [];
  const attempts = new Map<string, number>();
  let harness: EventHarness;

  const effectsOf = async (eventIds: string[]) =>
    (await inScope(harness.dataSource, storeId, (manager) =>
      manager.query(`SELECT event_id FROM test_effect WHERE event_id = ANY($1::uuid[])`, [eventIds]),
    )) as { event_id: string }[];
  const deadLetters = (handlerName: string) =>
    storedMessages(harness, harness.names.deadLetterStream(), harness.names.deadLetterSubject(harness.names.durable(handlerName)));
  const publish = (type: string) => {
    const event = envelopeFor({ type, storeId, aggregateId: randomUUID(), data: {} }, { correlationId: randomUUID(), causationId: null });
    return harness.js.publish(harness.names.subject(type), JSON.stringify(event), { msgID: event.id }).then(() => event);
  };

  /** A handler that writes its effect and, for its first `failWith.length` tries of an event, throws the next error. */
  const handler = (name: string, eventType: string, failWith: () => Error | null): EventHandler => ({
    name,
    eventType,
    async handle(event, tx) {
      attempts.set(event.id, (attempts.get(event.id) ?? 0) + 1);
      await tx.manager.query(`INSERT INTO test_effect (store_id, event_id, event_type) VALUES ($1, $2, $3)`, [event.storeId, event.id, event.type]);
      const error = failWith();
      if (error) throw error;
    },
  });

  const startRunner = async (handlers: EventHandler[], retryWindowMs?: number) => {
    const runner = new ConsumerRunner({
      js: harness.js,
      jsm: harness.jsm,
      dataSource: harness.dataSource,
      unitOfWork: new UnitOfWork(harness.dataSource, harness.names, () => undefined),
      names: harness.names,
      logger: pino({ level: 'debug' }, failures),
      maxDeliveries: MAX_DELIVERIES,
      retryWindowMs,
      concurrency: 4,
      ackWaitMs: 10_000,
      onEventsEmitted: () => undefined,
    });
    for (const each of handlers) await runner.start(each);
    runners.push(runner);
  };

  beforeAll(async () => {
    await proxy.start();
    harness = await openEventHarness('outage', natsUrl, [CreateOutageEffect1763769609998], { DATABASE_PORT: String(proxy.port) });
    await ensureStream(harness.jsm, harness.names, 'orders');
    await ensureStream(harness.jsm, harness.names, 'deadletter');
  });

  afterAll(async () => {
    proxy.resume();
    for (const runner of runners) await runner.stop();
    for (const stream of ['orders', 'deadletter']) await harness.jsm.streams.delete(harness.names.stream(stream)).catch(() => undefined);
    await harness.close();
    await proxy.stop();
  });

  it('parks nothing while PostgreSQL is unreachable for longer than the old dead-letter window, and handles every event once when it is back', async () => {
    await startRunner([handler('outage-created', 'orders.created', () => null)]);
    proxy.pause();
    const events = await Promise.all(Array.from({ length: 5 }, () => publish('orders.created')));
    const ids = events.map((event) => event.id);
    // every event has now failed more often than MAX_DELIVERIES: the old runner would have parked each one
    await eventually(
      async () => ids.every((id) => (failures.triesByEvent.get(id) ?? 0) >= MAX_DELIVERIES + 2),
      30_000,
      'each event to fail more than the dead-letter count',
    );
    expect(await effectsOf(ids).catch(() => 'unreachable')).toBe('unreachable');
    proxy.resume();

    await eventually(async () => (await effectsOf(ids)).length === ids.length, 60_000, 'every event to be handled');
    const durable = harness.names.durable('outage-created');
    await eventually(
      async () => {
        const info = await harness.jsm.consumers.info(harness.names.stream('orders'), durable);
        return info.num_ack_pending === 0 && info.num_pending === 0;
      },
      30_000,
      'every event to be acknowledged',
    );
    const effects = await effectsOf(ids);
    expect(effects.map((row) => row.event_id).sort()).toEqual([...ids].sort());
    expect(await deadLetters('outage-created')).toHaveLength(0);
  });

  it('retries an event whose handler says it is retryable past the dead-letter count, and applies it once', async () => {
    let failuresLeft = MAX_DELIVERIES + 2;
    await startRunner([handler('outage-retryable', 'orders.retryable', () => (failuresLeft-- > 0 ? new RetryableEventError('provider busy') : null))]);
    const event = await publish('orders.retryable');
    await eventually(async () => (await effectsOf([event.id])).length === 1, 30_000, 'the retryable event to be handled');
    expect(attempts.get(event.id)).toBe(MAX_DELIVERIES + 3);
    expect(await deadLetters('outage-retryable')).toHaveLength(0);
  });

  it('counts transient failures once the retry window is over, and parks the event after the bounded tries', async () => {
    await startRunner([handler('outage-expired', 'orders.expired', () => new RetryableEventError('still busy'))], 0);
    const event = await publish('orders.expired');
    const parked = await eventually(
      async () => {
        const stored = await deadLetters('outage-expired');
        return stored.length > 0 ? stored : undefined;
      },
      30_000,
      'the dead letter',
    );
    expect(parked).toHaveLength(1);
    expect(parked[0].data.id).toBe(event.id);
    expect(parked[0].headers.Deliveries).toBe(String(MAX_DELIVERIES));
    expect(attempts.get(event.id)).toBe(MAX_DELIVERIES);
    expect(await effectsOf([event.id])).toHaveLength(0);
  });
});
