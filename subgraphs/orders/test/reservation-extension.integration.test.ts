import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '@ultramarket/kit';
import { startTestSubgraph, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { ordersSubgraph } from '../src/orders.subgraph';
import { upstreamEvents } from './support/order-operations';

const HOUR_MS = 3_600_000;

/** inventory.reservation-extended (a manual payment's hold): the order's reservationExpiresAt follows, only later, only while held. */
describe('orders: a reservation held longer for a manual payment', () => {
  let orders: TestSubgraph;
  let owner: DataSource;
  const events = upstreamEvents(() => orders);
  const storeId = randomUUID();

  const handled = async (type: string, orderId: string, data: Record<string, unknown>) => {
    const event: EventEnvelope = await events.publish(type, storeId, orderId, { orderId, ...data }, 0);
    await eventually(async () => (await owner.query(`SELECT 1 FROM processed_event WHERE event_id = $1`, [event.id])).length > 0, 10_000, `${type} handled`);
  };
  const expiry = async (orderId: string): Promise<{ reservation_status: string; reservation_expires_at: Date | null }> =>
    (await owner.query(`SELECT reservation_status, reservation_expires_at FROM customer_order WHERE id = $1`, [orderId]))[0];
  const place = async () => (await events.place(storeId, randomUUID(), { customerId: randomUUID() })).order!;

  beforeAll(async () => {
    orders = await startTestSubgraph(ordersSubgraph);
    owner = await openOwnerConnection(orders.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await orders?.close();
  });

  it('moves a held reservation’s expiry to the hold, never back', async () => {
    const order = await place();
    const reservedUntil = new Date(Date.now() + 15 * 60_000);
    await handled('inventory.reserved', order.id, { expiresAt: reservedUntil.toISOString(), lines: [] });
    const hold = new Date(Date.now() + 72 * HOUR_MS);
    await handled('inventory.reservation-extended', order.id, { expiresAt: hold.toISOString() });
    expect(await expiry(order.id)).toEqual({ reservation_status: 'RESERVED', reservation_expires_at: hold });
    await handled('inventory.reservation-extended', order.id, { expiresAt: reservedUntil.toISOString() });
    expect((await expiry(order.id)).reservation_expires_at).toEqual(hold);
  });

  it('leaves a released reservation alone', async () => {
    const order = await place();
    await handled('inventory.reserved', order.id, { expiresAt: new Date(Date.now() + 60_000).toISOString(), lines: [] });
    await handled('inventory.released', order.id, { reason: 'expired' });
    const released = await expiry(order.id);
    expect(released.reservation_status).toBe('RELEASED');
    await handled('inventory.reservation-extended', order.id, { expiresAt: new Date(Date.now() + 72 * HOUR_MS).toISOString() });
    expect(await expiry(order.id)).toEqual(released);
  });
});
