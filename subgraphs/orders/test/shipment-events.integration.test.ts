import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { startTestSubgraph, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { ordersSubgraph } from '../src/orders.subgraph';
import { upstreamEvents } from './support/order-operations';

/** Dispatching is shipping's: orders hears of shipments and moves the order, keeping its state machine and history. */
describe('orders: shipments from shipping', () => {
  let orders: TestSubgraph;
  let owner: DataSource;
  const events = upstreamEvents(() => orders);

  /** An order recorded from a checkout (cart.checkout-completed), as orders gets every order. */
  const place = async (storeId: string) => {
    const productId = await events.product(storeId);
    const { order } = await events.place(storeId, productId);
    return order!;
  };
  const statusOf = async (orderId: string): Promise<string> => (await owner.query(`SELECT status FROM customer_order WHERE id = $1`, [orderId]))[0].status;
  const confirmed = async (storeId: string) => {
    const order = await place(storeId);
    await events.confirm(storeId, order.id);
    await eventually(async () => (await statusOf(order.id)) === 'CONFIRMED', 10_000, 'CONFIRMED');
    return order;
  };
  const outboxOf = async (orderId: string, type: string) =>
    (await owner.query(`SELECT envelope FROM outbox_event WHERE envelope->>'type' = $1 AND envelope->>'aggregateId' = $2 ORDER BY seq`, [type, orderId])).map(
      (row: { envelope: { data: Record<string, unknown> } }) => row.envelope.data,
    );

  beforeAll(async () => {
    orders = await startTestSubgraph(ordersSubgraph);
    owner = await openOwnerConnection(orders.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await orders?.close();
  });

  it('dispatches a confirmed order once every line is shipped, with history, status event and orders.dispatched carrying the tracking page', async () => {
    const storeId = randomUUID();
    const order = await confirmed(storeId);
    await events.ship(storeId, order.id, { orderFullyShipped: false });
    expect(await statusOf(order.id)).toBe('CONFIRMED');

    const shipped = await events.ship(storeId, order.id, { carrier: 'DHL', trackingNumber: 'JD77' });
    expect(await statusOf(order.id)).toBe('DISPATCHED');
    expect(await owner.query(`SELECT status, message FROM order_status_change WHERE order_id = $1 ORDER BY id DESC LIMIT 1`, [order.id])).toEqual([
      { status: 'DISPATCHED', message: 'Dispatched with DHL (JD77)' },
    ]);
    expect(await outboxOf(order.id, 'orders.dispatched')).toEqual([
      {
        orderId: order.id,
        orderNumber: order.orderNumber,
        customerId: expect.any(String),
        email: 'shopper@example.com',
        shipmentId: (shipped.data as { shipmentId: string }).shipmentId,
        carrier: 'DHL',
        trackingNumber: 'JD77',
        trackingUrl: 'https://track.example/1Z999',
      },
    ]);
    expect((await outboxOf(order.id, 'orders.status-changed')).at(-1)).toMatchObject({ from: 'CONFIRMED', to: 'DISPATCHED' });

    // a second whole-order shipment (redelivered news, or a replacement parcel) moves nothing
    await events.ship(storeId, order.id);
    expect(await outboxOf(order.id, 'orders.dispatched')).toHaveLength(1);
  });

  it('leaves an order that is not confirmed as it is', async () => {
    const storeId = randomUUID();
    const order = await place(storeId);
    await events.ship(storeId, order.id);
    expect(await statusOf(order.id)).toBe('CREATED');
    expect(await outboxOf(order.id, 'orders.dispatched')).toEqual([]);
  });
});
