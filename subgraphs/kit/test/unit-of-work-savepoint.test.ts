import { UnitOfWork, type OutboxEntry } from '../src/events/unit-of-work';
import { PLATFORM_SCOPE } from '../src/tenancy/store-scope';
import { openEventHarness, type EventHarness } from './support/event-harness';

// these tests drive the outbox's mechanics with made-up events; contracts are checked in event-contract.test.ts
process.env.EVENT_CONTRACT_CHECK = 'off';

const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const trace = { correlationId: 'c0ffee00-0000-4000-8000-000000000001', causationId: null };
const storeId = '6b1c1f4e-4b2a-4c39-9a55-0c1d2e3f4a5c';

describe('unit of work: savepoints', () => {
  let harness: EventHarness;
  let unitOfWork: UnitOfWork;
  const published: OutboxEntry[][] = [];

  const outboxAggregates = async () =>
    ((await harness.dataSource.query(`SELECT envelope->>'aggregateId' AS id FROM outbox_event ORDER BY seq`)) as { id: string }[]).map((row) => row.id);
  const emit = (aggregateId: string) => ({ type: 'orders.created', storeId, aggregateId, data: {} });

  beforeAll(async () => {
    harness = await openEventHarness('savepoint', natsUrl);
    unitOfWork = new UnitOfWork(harness.dataSource, harness.names, (events) => published.push(events), PLATFORM_SCOPE);
  });
  afterAll(async () => {
    await harness.close();
  });
  beforeEach(async () => {
    published.length = 0;
    await harness.dataSource.query(`DELETE FROM outbox_event`);
  });

  it('drops the rows and the events of a savepoint that threw, keeps its neighbours, and commits the transaction', async () => {
    await unitOfWork.run(trace, async (tx) => {
      await tx.savepoint((inner) => inner.emit(emit('kept-1')));
      await expect(
        tx.savepoint(async (inner) => {
          await inner.emit(emit('rolled-back'));
          // nested: released into the failing savepoint, so rolled back with it
          await inner.savepoint((deeper) => deeper.emit(emit('rolled-back-nested')));
          throw new Error('this product is refused');
        }),
      ).rejects.toThrow('this product is refused');
      await tx.savepoint((inner) => inner.emit(emit('kept-2')));
      await tx.emit(emit('kept-3'));
    });
    expect(await outboxAggregates()).toEqual(['kept-1', 'kept-2', 'kept-3']);
    expect(published.map((events) => events.map((entry) => entry.envelope.aggregateId))).toEqual([['kept-1', 'kept-2', 'kept-3']]);
  });

  it('publishes nothing of released savepoints when the whole transaction rolls back', async () => {
    await expect(
      unitOfWork.run(trace, async (tx) => {
        await tx.savepoint((inner) => inner.emit(emit('released')));
        throw new Error('the batch failed');
      }),
    ).rejects.toThrow('the batch failed');
    expect(await outboxAggregates()).toEqual([]);
    expect(published).toEqual([]);
  });

  it('leaves the transaction usable after a statement failed inside a savepoint', async () => {
    await unitOfWork.run(trace, async (tx) => {
      await expect(tx.savepoint((inner) => inner.manager.query(`SELECT 1 / 0`))).rejects.toThrow(/division by zero/);
      await tx.emit(emit('after-the-error'));
    });
    expect(await outboxAggregates()).toEqual(['after-the-error']);
  });
});
