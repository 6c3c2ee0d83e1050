import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { createLogger } from '../src/logging/logger';
import { ensureStream } from '../src/events/streams';
import { ConsumerRunner, PermanentEventError, type EventHandler } from '../src/events/consumer-runner';
import { envelopeFor } from '../src/events/event-envelope';
import { UnitOfWork } from '../src/events/unit-of-work';
import { inScope } from '../src/tenancy/store-scope';
import { openEventHarness, testEffectTable, storedMessages, type EventHarness } from './support/event-harness';
import { eventually } from './support/test-names';

const run = promisify(execFile);
/** The script `npm run events:replay` runs; it loads the built kit, as the dev-token test's CLI does. */
const replayScript = path.resolve(__dirname, '../../../scripts/events-replay.js');
const storeId = '6b1c1f4e-4b2a-4c39-9a55-0c1d2e3f4a5b';
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

const CreateReplayEffect1763769609997 = testEffectTable(
  'CreateReplayEffect1763769609997',
  'store_id uuid NOT NULL, event_id uuid NOT NULL, consumer text NOT NULL',
);

describe('npm run events:replay', () => {
  let harness: EventHarness;
  let runner: ConsumerRunner;
  const attempts = new Map<string, number>();
  const failedOnce = new Set<string>();

  const replay = (...args: string[]) =>
    run(process.execPath, [replayScript, ...args], { env: { ...process.env, NATS_URL: natsUrl, EVENT_NAMESPACE: harness.names.namespace } });
  const effects = async (consumer: string) =>
    Number(
      (await inScope(harness.dataSource, storeId, (manager) => manager.query(`SELECT count(*) AS n FROM test_effect WHERE consumer = $1`, [consumer])))[0].n,
    );
  const deadLetters = () => storedMessages(harness, harness.names.deadLetterStream(), harness.names.deadLetterSubject(harness.names.durable('replay-charge')));

  /** `replay-charge` fails for good on its first try of each event; `replay-notify` handles the same events and never fails. */
  const handler = (name: string, failFirstTry: boolean): EventHandler => ({
    name,
    eventType: 'orders.charged',
    async handle(event, tx) {
      attempts.set(`${name}:${event.id}`, (attempts.get(`${name}:${event.id}`) ?? 0) + 1);
      await tx.manager.query(`INSERT INTO test_effect (store_id, event_id, consumer) VALUES ($1, $2, $3)`, [event.storeId, event.id, name]);
      if (failFirstTry && !failedOnce.has(event.id)) {
        failedOnce.add(event.id);
        throw new PermanentEventError('the card provider refused the request');
      }
    },
  });

  beforeAll(async () => {
    harness = await openEventHarness('replay', natsUrl, [CreateReplayEffect1763769609997]);
    await ensureStream(harness.jsm, harness.names, 'orders');
    await ensureStream(harness.jsm, harness.names, 'deadletter');
    runner = new ConsumerRunner({
      js: harness.js,
      jsm: harness.jsm,
      dataSource: harness.dataSource,
      unitOfWork: new UnitOfWork(harness.dataSource, harness.names, () => undefined),
      names: harness.names,
      logger: createLogger('replay-test', 'silent'),
      maxDeliveries: 3,
      concurrency: 4,
      ackWaitMs: 10_000,
      onEventsEmitted: () => undefined,
    });
    await runner.start(handler('replay-charge', true));
    await runner.start(handler('replay-notify', false));
  });

  afterAll(async () => {
    await runner.stop();
    for (const stream of ['orders', 'deadletter']) await harness.jsm.streams.delete(harness.names.stream(stream));
    await harness.close();
  });

  it('re-drives a dead letter to its consumer only, once, and removes it from the dead-letter stream', async () => {
    const event = envelopeFor({ type: 'orders.charged', storeId, aggregateId: randomUUID(), data: {} }, { correlationId: randomUUID(), causationId: null });
    await harness.js.publish(harness.names.subject(event.type), JSON.stringify(event), { msgID: event.id });
    await eventually(async () => (await deadLetters()).length === 1, 15_000, 'the dead letter');
    await eventually(async () => (await effects('replay-notify')) === 1, 15_000, 'the other consumer to handle the event');

    const dryRun = await replay('replay-charge', '--dry-run');
    expect(dryRun.stdout).toContain(`would replay #`);
    expect(dryRun.stdout).toContain(`orders.charged ${event.id} -> ${harness.names.subject('orders.charged')} (was: the card provider refused the request)`);
    expect(dryRun.stdout).toContain('replay-charge: 1 dead letter(s), 1 would be replayed, 0 skipped');
    expect(await deadLetters()).toHaveLength(1);
    expect(await effects('replay-charge')).toBe(0);

    const replayed = await replay('replay-charge', '--limit', '10');
    expect(replayed.stdout).toContain('replay-charge: 1 dead letter(s), 1 replayed, 0 skipped');
    await eventually(async () => (await effects('replay-charge')) === 1, 15_000, 'the replayed event to be handled');
    expect(await deadLetters()).toHaveLength(0);
    expect(attempts.get(`replay-charge:${event.id}`)).toBe(2);

    // the copy reached the other consumer too, which recognised the event and changed nothing
    await eventually(
      async () => {
        const info = await harness.jsm.consumers.info(harness.names.stream('orders'), harness.names.durable('replay-notify'));
        return info.delivered.stream_seq === 2 && info.num_ack_pending === 0 && info.num_pending === 0;
      },
      15_000,
      'the other consumer to acknowledge the copy',
    );
    expect(await effects('replay-notify')).toBe(1);
    expect(attempts.get(`replay-notify:${event.id}`)).toBe(1);

    const again = await replay('replay-charge');
    expect(again.stdout.trim()).toBe('replay-charge: 0 dead letter(s), 0 replayed, 0 skipped');
  });

  it('refuses a call without a consumer', async () => {
    const failure = await replay().catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain('usage: npm run events:replay');
  });
});
