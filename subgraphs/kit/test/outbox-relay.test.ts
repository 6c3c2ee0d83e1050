import { createLogger } from '../src/logging/logger';
import { ensureStream } from '../src/events/streams';
import { OutboxRelay } from '../src/events/outbox-relay';
import { UnitOfWork } from '../src/events/unit-of-work';
import { PrivateNatsServer } from './support/private-nats-server';
import { openEventHarness, storedMessages, type EventHarness } from './support/event-harness';
import { eventually } from './support/test-names';

// these tests drive the outbox's mechanics with made-up events; contracts are checked in event-contract.test.ts
process.env.EVENT_CONTRACT_CHECK = 'off';

const trace = { correlationId: 'c0ffee00-0000-4000-8000-000000000000', causationId: null };
const storeId = '6b1c1f4e-4b2a-4c39-9a55-0c1d2e3f4a5b';

describe('transactional outbox', () => {
  const nats = new PrivateNatsServer();
  let harness: EventHarness;
  let relay: OutboxRelay;
  let unitOfWork: UnitOfWork;

  const unpublished = async () => Number((await harness.dataSource.query(`SELECT count(*) AS n FROM outbox_event WHERE published_at IS NULL`))[0].n);

  beforeAll(async () => {
    await nats.start();
    harness = await openEventHarness('outbox', nats.url);
    await ensureStream(harness.jsm, harness.names, 'orders');
    relay = new OutboxRelay(harness.dataSource, harness.js, createLogger('relay', 'silent'), 100);
    relay.start();
    unitOfWork = new UnitOfWork(harness.dataSource, harness.names, () => relay.kick());
  });

  afterAll(async () => {
    await relay.stop();
    await harness.close();
    await nats.destroy();
  });

  it('publishes what a committed transaction emitted and nothing of a rolled-back one', async () => {
    await unitOfWork.run(trace, async (tx) => {
      await tx.emit({ type: 'orders.created', storeId, aggregateId: 'order-1', data: { total: 100 } });
    });
    await expect(
      unitOfWork.run(trace, async (tx) => {
        await tx.emit({ type: 'orders.created', storeId, aggregateId: 'order-2', data: { total: 200 } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    await eventually(async () => (await unpublished()) === 0, 10_000, 'the outbox to drain');
    const messages = await storedMessages(harness, harness.names.stream('orders'), harness.names.subject('orders.created'));
    expect(messages.map((message) => message.data.aggregateId)).toEqual(['order-1']);
    expect(messages[0].data).toMatchObject({ type: 'orders.created', storeId, correlationId: trace.correlationId, aggregateVersion: 0 });
    expect(messages[0].headers['Nats-Msg-Id']).toBe(messages[0].data.id);
  });

  it('keeps events while NATS is down and publishes them once, in order, when it is back', async () => {
    await nats.stop();
    for (let index = 0; index < 10; index += 1) {
      await unitOfWork.run(trace, async (tx) => {
        await tx.emit({ type: 'orders.status-changed', storeId, aggregateId: 'order-1', aggregateVersion: index, data: { index } });
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await unpublished()).toBe(10);

    await nats.start();
    await eventually(async () => (await unpublished()) === 0, 30_000, 'the relay to catch up');
    const messages = await storedMessages(harness, harness.names.stream('orders'), harness.names.subject('orders.status-changed'));
    expect(messages.map((message) => (message.data.data as { index: number }).index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('outbox relay: publish after commit, fallback after a crash', () => {
  const nats = new PrivateNatsServer();
  const logger = createLogger('relay', 'silent');
  const relays: OutboxRelay[] = [];
  let harness: EventHarness;

  const unpublished = async () => Number((await harness.dataSource.query(`SELECT count(*) AS n FROM outbox_event WHERE published_at IS NULL`))[0].n);
  const indexesOn = async (type: string) =>
    (await storedMessages(harness, harness.names.stream('orders'), harness.names.subject(type))).map(
      (message) => (message.data.data as { index: number }).index,
    );
  const relayWith = (options: ConstructorParameters<typeof OutboxRelay>[4]) => {
    const relay = new OutboxRelay(harness.dataSource, harness.js, logger, 100, options);
    relays.push(relay);
    return relay;
  };
  /** One transaction emitting `count` events of `type`, numbered from `from`. */
  const emitMany = (unitOfWork: UnitOfWork, type: string, from: number, count: number) =>
    unitOfWork.run(trace, async (tx) => {
      for (let index = from; index < from + count; index += 1)
        await tx.emit({ type, storeId, aggregateId: 'order-9', aggregateVersion: index, data: { index } });
    });

  beforeAll(async () => {
    await nats.start();
    harness = await openEventHarness('outbox_fast', nats.url);
    await ensureStream(harness.jsm, harness.names, 'orders');
  });

  afterAll(async () => {
    for (const relay of relays) await relay.stop();
    await harness.close();
    await nats.destroy();
  });

  it('publishes a committed transaction’s events from memory, in order, and marks their rows in bulk, without the poll', async () => {
    // the poll of this relay would leave these young rows alone for a minute: only publish-after-commit can publish them
    const relay = relayWith({ fallbackGraceMs: 60_000 });
    const unitOfWork = new UnitOfWork(harness.dataSource, harness.names, (events) => relay.publishCommitted(events));
    await Promise.all([emitMany(unitOfWork, 'orders.placed', 0, 5), emitMany(unitOfWork, 'orders.noted', 0, 3)]);
    await emitMany(unitOfWork, 'orders.placed', 5, 5);

    await eventually(async () => (await unpublished()) === 0, 10_000, 'the rows to be marked published');
    expect(await indexesOn('orders.placed')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await indexesOn('orders.noted')).toEqual([0, 1, 2]);
  });

  it('drops a second publish of the same events (Nats-Msg-Id is the event id)', async () => {
    const relay = relayWith({ fallbackGraceMs: 60_000 });
    let committed: Parameters<typeof relay.publishCommitted>[0] = [];
    const unitOfWork = new UnitOfWork(harness.dataSource, harness.names, (events) => {
      committed = events;
      relay.publishCommitted(events);
    });
    await emitMany(unitOfWork, 'orders.twice', 0, 3);
    await eventually(async () => (await unpublished()) === 0, 10_000, 'the first publish');
    relay.publishCommitted(committed);
    await relay.stop();
    expect(await indexesOn('orders.twice')).toEqual([0, 1, 2]);
  });

  it('publishes, once and in order, what a process that crashed after commit left unpublished, without holding row locks across the NATS round trip', async () => {
    // a process that commits and dies before publishing
    const crashed = new UnitOfWork(harness.dataSource, harness.names, () => undefined);
    await emitMany(crashed, 'orders.recovered', 0, 4);
    await emitMany(crashed, 'orders.recovered', 4, 4);
    expect(await unpublished()).toBe(8);

    // the replica that takes over while NATS is down: it claims the rows and waits on the publish
    await nats.stop();
    const relay = relayWith({ fallbackGraceMs: 0, publishTimeoutMs: 3000 });
    relay.start();
    await eventually(
      async () => Number((await harness.dataSource.query(`SELECT count(*) AS n FROM outbox_event WHERE claimed_until > now()`))[0].n) === 8,
      10_000,
      'the fallback to claim the rows',
    );
    // no lock is held meanwhile: another transaction can lock the rows at once
    await harness.dataSource.transaction(async (manager) => {
      const locked: unknown[] = await manager.query(`SELECT id FROM outbox_event WHERE published_at IS NULL FOR UPDATE NOWAIT`);
      expect(locked).toHaveLength(8);
    });
    expect(await unpublished()).toBe(8);

    await nats.start();
    await eventually(async () => (await unpublished()) === 0, 30_000, 'the fallback to publish the rows');
    expect(await indexesOn('orders.recovered')).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
