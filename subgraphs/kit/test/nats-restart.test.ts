import { randomUUID } from 'node:crypto';
import { createLogger } from '../src/logging/logger';
import { ensureStream } from '../src/events/streams';
import { ConsumerRunner } from '../src/events/consumer-runner';
import { envelopeFor, type NewEvent } from '../src/events/event-envelope';
import { UnitOfWork } from '../src/events/unit-of-work';
import { inScope, PLATFORM_SCOPE } from '../src/tenancy/store-scope';
import { StoreStatus } from '../src/tenancy/store-status';
import { StoreStatuses } from '../src/tenancy/store-statuses';
import { PrivateNatsServer } from './support/private-nats-server';
import { openEventHarness, testEffectTable, type EventHarness } from './support/event-harness';
import { eventually } from './support/test-names';

const CreateRestartEffect1763769609996 = testEffectTable('CreateRestartEffect1763769609996', 'store_id uuid NOT NULL, event_id uuid NOT NULL');

describe('event consumers across a NATS crash', () => {
  const nats = new PrivateNatsServer();
  const logger = createLogger('nats-restart-test', 'silent');
  let harness: EventHarness;
  /** A second database, never written by the durable followers: what a replica reads there cannot explain what it knows. */
  let replicaHarness: EventHarness;
  let runner: ConsumerRunner;
  let replica: StoreStatuses;
  let stopReplica: () => Promise<void> = async () => undefined;

  /** Publishes, retrying while the client reconnects to the restarted server. */
  const publish = (event: NewEvent) => {
    const envelope = envelopeFor(event, { correlationId: randomUUID(), causationId: null });
    return eventually(
      () => harness.js.publish(harness.names.subject(envelope.type), JSON.stringify(envelope), { msgID: envelope.id, timeout: 1000 }).then(() => envelope),
      30_000,
      `the publish of ${envelope.type}`,
    );
  };
  const statusChange = (storeId: string, status: StoreStatus, version: number): NewEvent => ({
    type: 'stores.status-changed',
    storeId,
    aggregateId: storeId,
    aggregateVersion: version,
    data: { storeId, status },
  });
  const orderCreated = (storeId: string): NewEvent => ({ type: 'orders.created', storeId, aggregateId: randomUUID(), data: {} });
  const handled = async (eventId: string) =>
    Number(
      (await inScope(harness.dataSource, PLATFORM_SCOPE, (manager) => manager.query(`SELECT count(*) AS n FROM test_effect WHERE event_id = $1`, [eventId])))[0]
        .n,
    );
  const storedStatus = async (storeId: string) =>
    (
      (await inScope(harness.dataSource, storeId, (manager) => manager.query(`SELECT status, version FROM store_status WHERE store_id = $1`, [storeId]))) as {
        status: string;
        version: number;
      }[]
    )[0];

  beforeAll(async () => {
    await nats.start();
    harness = await openEventHarness('natsrestart', nats.url, [CreateRestartEffect1763769609996]);
    replicaHarness = await openEventHarness('natsrestart_replica', nats.url);
    for (const domain of ['orders', 'stores', 'deadletter']) await ensureStream(harness.jsm, harness.names, domain);
    runner = new ConsumerRunner({
      js: harness.js,
      jsm: harness.jsm,
      dataSource: harness.dataSource,
      unitOfWork: new UnitOfWork(harness.dataSource, harness.names, () => undefined),
      names: harness.names,
      logger,
      maxDeliveries: 3,
      concurrency: 4,
      ackWaitMs: 5000,
      onEventsEmitted: () => undefined,
    });
    await runner.start({
      name: 'restart-order-created',
      eventType: 'orders.created',
      handle: (event, tx) => tx.manager.query(`INSERT INTO test_effect (store_id, event_id) VALUES ($1, $2)`, [event.storeId, event.id]).then(() => undefined),
    });
    for (const follower of new StoreStatuses(harness.dataSource).followers('restart')) await runner.start(follower);
    replica = new StoreStatuses(replicaHarness.dataSource);
    stopReplica = await replica.follow({ js: harness.js, jsm: harness.jsm, names: harness.names, logger });
  });

  afterAll(async () => {
    try {
      await stopReplica();
      await runner.stop();
      await replicaHarness.close();
      await harness.close();
    } finally {
      // the server is the test's own: whatever the cleanup met, it must not outlive the suite (jest would wait for it)
      await nats.destroy();
    }
  });

  it('keeps durable consumers and the live store-status feed going after the server is SIGKILLed and restarted', async () => {
    const storeId = randomUUID();
    const before = await publish(orderCreated(storeId));
    await publish(statusChange(storeId, StoreStatus.PAUSED, 1));
    await eventually(async () => (await handled(before.id)) === 1, 15_000, 'the order event before the crash');
    await eventually(async () => (await storedStatus(storeId))?.status === StoreStatus.PAUSED, 15_000, 'the stored status before the crash');
    await eventually(async () => (await replica.of(storeId)) === StoreStatus.PAUSED, 15_000, 'the live status before the crash');

    await nats.kill();
    await nats.start();

    const after = await publish(orderCreated(storeId));
    await publish(statusChange(storeId, StoreStatus.SUSPENDED, 2));
    await eventually(async () => (await handled(after.id)) === 1, 30_000, 'the durable consumer to handle an event published after the restart');
    await eventually(async () => (await storedStatus(storeId))?.version === 2, 30_000, 'the durable status follower to store the new status');
    expect(await storedStatus(storeId)).toEqual({ status: StoreStatus.SUSPENDED, version: 2 });
    // the replica's database never heard of the store: only its live feed can have told it
    await eventually(async () => (await replica.of(storeId)) === StoreStatus.SUSPENDED, 30_000, 'the live feed to carry the new status');
    expect(await inScope(replicaHarness.dataSource, PLATFORM_SCOPE, (manager) => manager.query(`SELECT count(*)::int AS n FROM store_status`))).toEqual([
      { n: 0 },
    ]);
    expect(await handled(before.id)).toBe(1);
  });
});
