import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createLogger } from '../src/logging/logger';
import { createBackgroundDataSource } from '../src/data/create-data-source';
import { StatementCounter } from '../src/data/statement-counter';
import { ensureStream } from '../src/events/streams';
import { ConsumerRunner } from '../src/events/consumer-runner';
import { envelopeFor } from '../src/events/event-envelope';
import { UnitOfWork } from '../src/events/unit-of-work';
import { inScope } from '../src/tenancy/store-scope';
import { Registry } from 'prom-client';
import { openEventHarness, type EventHarness } from './support/event-harness';
import { eventually } from './support/test-names';

const storeId = '6b1c1f4e-4b2a-4c39-9a55-0c1d2e3f4a5b';
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** node-postgres' pool behind a TypeORM data source: how many callers wait for a connection. */
const waitingFor = (dataSource: DataSource) => (dataSource.driver as unknown as { master: { waitingCount: number; totalCount: number } }).master;

describe('the background pool', () => {
  let harness: EventHarness;
  let background: DataSource;
  let runner: ConsumerRunner;
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const handled = new Set<string>();
  let entered = 0;

  beforeAll(async () => {
    harness = await openEventHarness('bgpool', natsUrl, [], { BACKGROUND_POOL_SIZE: '2', DATABASE_POOL_SIZE: '2' });
    const logger = createLogger('bgpool-test', 'silent');
    background = await createBackgroundDataSource(harness.config, { entities: [], migrations: [] }, new StatementCounter(new Registry(), logger));
    await ensureStream(harness.jsm, harness.names, 'orders');
    runner = new ConsumerRunner({
      js: harness.js,
      jsm: harness.jsm,
      dataSource: background,
      unitOfWork: new UnitOfWork(background, harness.names, () => undefined),
      names: harness.names,
      logger,
      maxDeliveries: 3,
      concurrency: 8,
      ackWaitMs: 30_000,
      onEventsEmitted: () => undefined,
    });
    await runner.start({
      name: 'bgpool-slow',
      eventType: 'orders.slow',
      async handle(event) {
        entered += 1;
        // holds its connection (the transaction is open) until the test lets go
        await released;
        handled.add(event.id);
      },
    });
  });

  afterAll(async () => {
    release();
    await runner.stop();
    await harness.jsm.streams.delete(harness.names.stream('orders'));
    await background.destroy();
    await harness.close();
  });

  it('queues a burst of events for its own connections while requests keep theirs', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 6; index += 1) {
      const event = envelopeFor({ type: 'orders.slow', storeId, aggregateId: randomUUID(), data: {} }, { correlationId: randomUUID(), causationId: null });
      ids.push(event.id);
      await harness.js.publish(harness.names.subject(event.type), JSON.stringify(event), { msgID: event.id });
    }
    // both background connections are taken and the other events wait for them
    await eventually(async () => entered === 2 && waitingFor(background).waitingCount >= 1, 10_000, 'the background pool to fill up');
    expect(waitingFor(background).totalCount).toBe(2);

    // requests still get connections of their own at once, both of them
    const reads = await Promise.all([1, 2].map(() => inScope(harness.dataSource, storeId, (manager) => manager.query(`SELECT 1 AS one`))));
    expect(reads).toEqual([[{ one: 1 }], [{ one: 1 }]]);
    expect(entered).toBe(2);

    release();
    await eventually(async () => ids.every((id) => handled.has(id)), 15_000, 'every event to be handled');
  });
});
