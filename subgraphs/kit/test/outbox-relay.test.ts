import { createLogger } from '../src/logging/logger';
import { ensureStream } from '../src/events/streams';
import { OutboxRelay } from '../src/events/outbox-relay';
import { UnitOfWork } from '../src/events/unit-of-work';
import { PrivateNatsServer } from './support/private-nats-server';
import { openEventHarness, storedMessages, type EventHarness } from './support/event-harness';
import { eventually } from './support/test-names';

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
