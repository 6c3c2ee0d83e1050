import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '@ultramarket/kit';
import { startTestSubgraph, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { ordersSubgraph } from '../src/orders.subgraph';
import { upstreamEvents } from './support/order-operations';

/**
 * payments.initiated and payments.failed / payments.succeeded reach orders through separate durable
 * consumers, so a payment's outcome can be applied before the news that it started.
 */
describe('orders: payment events in any order', () => {
  let orders: TestSubgraph;
  let owner: DataSource;
  const events = upstreamEvents(() => orders);

  /** A signed-in shopper's order of one product, recorded from cart.checkout-completed. */
  const place = async (storeId: string) => (await events.place(storeId, randomUUID(), { customerId: randomUUID() })).order!;
  const orderRow = async (orderId: string): Promise<{ status: string; payment_status: string }> =>
    (await owner.query(`SELECT status, payment_status FROM customer_order WHERE id = $1`, [orderId]))[0];
  /** Publishes a payments event as payments does (aggregate = the order) and returns once orders' consumer handled it. */
  const payment = async (type: 'initiated' | 'succeeded' | 'failed', storeId: string, orderId: string, paymentId: string) => {
    const data = { orderId, paymentId, amount: { amount: 2500, currencyCode: 'USD' }, provider: 'simulated', message: 'Card declined' };
    const event: EventEnvelope = await events.publish(`payments.${type}`, storeId, orderId, data, 0);
    await eventually(
      async () => (await owner.query(`SELECT 1 FROM processed_event WHERE event_id = $1 AND consumer NOT LIKE '%orders-audit-%'`, [event.id])).length > 0,
      10_000,
      `payments.${type} handled`,
    );
  };
  /** Publishes another subgraph's event about the order and returns once orders' consumer handled it. */
  const handled = async (type: string, storeId: string, orderId: string, data: Record<string, unknown>) => {
    const event: EventEnvelope = await events.publish(type, storeId, orderId, { orderId, ...data }, 0);
    await eventually(
      async () => (await owner.query(`SELECT 1 FROM processed_event WHERE event_id = $1 AND consumer NOT LIKE '%orders-audit-%'`, [event.id])).length > 0,
      10_000,
      `${type} handled`,
    );
  };
  /** The orders.status-changed events of an order, in the order they were written. */
  const statusEvents = async (orderId: string): Promise<{ from: string; to: string }[]> =>
    owner.query(
      `SELECT envelope->'data'->>'from' AS "from", envelope->'data'->>'to' AS "to" FROM outbox_event
        WHERE envelope->>'type' = 'orders.status-changed' AND envelope->>'aggregateId' = $1 ORDER BY seq`,
      [orderId],
    );
  const history = async (orderId: string) =>
    owner.query(`SELECT status, payment_id AS "paymentId" FROM order_status_change WHERE order_id = $1 ORDER BY id`, [orderId]);

  beforeAll(async () => {
    orders = await startTestSubgraph(ordersSubgraph);
    owner = await openOwnerConnection(orders.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await orders?.close();
  });

  it('keeps a declined order PAYMENT_FAILED when the payment’s initiated arrives after its failure, and a retry still confirms it', async () => {
    const storeId = randomUUID();
    const order = await place(storeId);
    const [declined, declinedAgain, retry] = [randomUUID(), randomUUID(), randomUUID()];

    await payment('failed', storeId, order.id, declined);
    await payment('initiated', storeId, order.id, declined);
    expect(await orderRow(order.id)).toEqual({ status: 'PAYMENT_FAILED', payment_status: 'FAILED' });

    // a second attempt declined the same way round: heard of first through its failure, still a failure
    await payment('failed', storeId, order.id, declinedAgain);
    await payment('initiated', storeId, order.id, declinedAgain);
    expect(await orderRow(order.id)).toEqual({ status: 'PAYMENT_FAILED', payment_status: 'FAILED' });

    await payment('initiated', storeId, order.id, retry);
    expect(await orderRow(order.id)).toEqual({ status: 'PAYMENT_PENDING', payment_status: 'PENDING' });
    await payment('succeeded', storeId, order.id, retry);
    await events.publish('inventory.committed', storeId, order.id, { orderId: order.id });
    await eventually(async () => (await orderRow(order.id)).status === 'CONFIRMED', 10_000, 'CONFIRMED');
    expect(await orderRow(order.id)).toEqual({ status: 'CONFIRMED', payment_status: 'PAID' });

    expect(await history(order.id)).toEqual([
      { status: 'CREATED', paymentId: null },
      { status: 'PAYMENT_PENDING', paymentId: declined },
      { status: 'PAYMENT_FAILED', paymentId: declined },
      { status: 'PAYMENT_PENDING', paymentId: declinedAgain },
      { status: 'PAYMENT_FAILED', paymentId: declinedAgain },
      { status: 'PAYMENT_PENDING', paymentId: retry },
      { status: 'PAYMENT_SUCCESS', paymentId: retry },
      { status: 'CONFIRMED', paymentId: null },
    ]);
  });

  it('keeps a paid order paid when the payment’s initiated arrives after its success, and ignores a settled payment heard of again', async () => {
    const storeId = randomUUID();
    const order = await place(storeId);
    const paid = randomUUID();
    await payment('succeeded', storeId, order.id, paid);
    await payment('initiated', storeId, order.id, paid);
    expect(await orderRow(order.id)).toEqual({ status: 'PAYMENT_SUCCESS', payment_status: 'PAID' });

    const declined = randomUUID();
    const other = await place(storeId);
    await payment('initiated', storeId, other.id, declined);
    await payment('failed', storeId, other.id, declined);
    // the same failure again under another event id (e.g. republished): one failure in the history
    await payment('failed', storeId, other.id, declined);
    expect(await orderRow(other.id)).toEqual({ status: 'PAYMENT_FAILED', payment_status: 'FAILED' });
    expect((await history(other.id)).map((change: { status: string }) => change.status)).toEqual(['CREATED', 'PAYMENT_PENDING', 'PAYMENT_FAILED']);
  });

  it('confirms a paid order in the same step when its stock is reserved for a while, and announces the move once', async () => {
    const storeId = randomUUID();
    const order = await place(storeId);
    await handled('inventory.reserved', storeId, order.id, { expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(), lines: [] });
    const paid = randomUUID();
    await payment('succeeded', storeId, order.id, paid);
    expect(await orderRow(order.id)).toEqual({ status: 'CONFIRMED', payment_status: 'PAID' });
    // every step in the history, one event from where the order was to where it ended
    expect(await history(order.id)).toEqual([
      { status: 'CREATED', paymentId: null },
      { status: 'PAYMENT_PENDING', paymentId: paid },
      { status: 'PAYMENT_SUCCESS', paymentId: paid },
      { status: 'CONFIRMED', paymentId: null },
    ]);
    expect(await statusEvents(order.id)).toEqual([{ from: 'CREATED', to: 'CONFIRMED' }]);

    // the payment's initiated and inventory's commit, heard of afterwards, change no status and announce nothing
    await payment('initiated', storeId, order.id, paid);
    await handled('inventory.committed', storeId, order.id, {});
    expect(await orderRow(order.id)).toEqual({ status: 'CONFIRMED', payment_status: 'PAID' });
    expect((await owner.query(`SELECT reservation_status FROM customer_order WHERE id = $1`, [order.id]))[0]).toEqual({ reservation_status: 'COMMITTED' });
    expect(await statusEvents(order.id)).toHaveLength(1);
  });

  it('waits for inventory.committed to confirm a paid order whose reservation is about to lapse', async () => {
    const storeId = randomUUID();
    const order = await place(storeId);
    await handled('inventory.reserved', storeId, order.id, { expiresAt: new Date(Date.now() + 20_000).toISOString(), lines: [] });
    const paid = randomUUID();
    await payment('initiated', storeId, order.id, paid);
    await payment('succeeded', storeId, order.id, paid);
    expect(await orderRow(order.id)).toEqual({ status: 'PAYMENT_SUCCESS', payment_status: 'PAID' });
    await handled('inventory.committed', storeId, order.id, {});
    expect(await orderRow(order.id)).toEqual({ status: 'CONFIRMED', payment_status: 'PAID' });
    expect(await statusEvents(order.id)).toEqual([
      { from: 'CREATED', to: 'PAYMENT_PENDING' },
      { from: 'PAYMENT_PENDING', to: 'PAYMENT_SUCCESS' },
      { from: 'PAYMENT_SUCCESS', to: 'CONFIRMED' },
    ]);
  });
});
