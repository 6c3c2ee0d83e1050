import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '@ultramarket/kit';
import { startTestSubgraph, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { ordersSubgraph } from '../src/orders.subgraph';
import { upstreamEvents } from './support/order-operations';

/** Authorize, then capture (issue 15): payments.authorized confirms the order, captures and voids set its payment status. */
describe('orders: authorized, captured and voided payments', () => {
  let orders: TestSubgraph;
  let owner: DataSource;
  const events = upstreamEvents(() => orders);

  const orderRow = async (orderId: string): Promise<{ status: string; payment_status: string; total_amount: string }> =>
    (await owner.query(`SELECT status, payment_status, total_amount FROM customer_order WHERE id = $1`, [orderId]))[0];
  /** Publishes another subgraph's event about the order and returns once orders' consumer handled it. */
  const handled = async (type: string, storeId: string, orderId: string, data: Record<string, unknown>) => {
    const event: EventEnvelope = await events.publish(type, storeId, orderId, { orderId, ...data }, 0);
    // by the saga's consumer: the audit trail's (orders-audit-*) handles payments' events too
    await eventually(
      async () => (await owner.query(`SELECT 1 FROM processed_event WHERE event_id = $1 AND consumer NOT LIKE '%orders-audit-%'`, [event.id])).length > 0,
      10_000,
      `${type} handled`,
    );
  };
  const money = (amount: number) => ({ amount, currencyCode: 'USD' });

  /** An order with its stock reserved and its payment authorized. */
  const authorizedOrder = async (storeId: string) => {
    const order = (await events.place(storeId, randomUUID(), { customerId: randomUUID() })).order!;
    await handled('inventory.reserved', storeId, order.id, { expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(), lines: [] });
    const paymentId = randomUUID();
    await handled('payments.initiated', storeId, order.id, { paymentId, amount: money(2500) });
    await handled('payments.authorized', storeId, order.id, { paymentId, amount: money(2500) });
    return { orderId: order.id, paymentId };
  };

  beforeAll(async () => {
    orders = await startTestSubgraph(ordersSubgraph);
    owner = await openOwnerConnection(orders.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await orders?.close();
  });

  it('confirms an authorized order (payment AUTHORIZED), then PARTIALLY_PAID and PAID as captures reach the total', async () => {
    const storeId = randomUUID();
    const { orderId, paymentId } = await authorizedOrder(storeId);
    const row = await orderRow(orderId);
    expect(row).toMatchObject({ status: 'CONFIRMED', payment_status: 'AUTHORIZED' });
    const total = Number(row.total_amount);

    await handled('payments.captured', storeId, orderId, { paymentId, amount: money(1), capturedTotal: money(1), final: false });
    expect(await orderRow(orderId)).toMatchObject({ status: 'CONFIRMED', payment_status: 'PARTIALLY_PAID' });
    // a late authorization report changes nothing
    await handled('payments.authorized', storeId, orderId, { paymentId, amount: money(total) });
    expect((await orderRow(orderId)).payment_status).toBe('PARTIALLY_PAID');
    await handled('payments.captured', storeId, orderId, { paymentId, amount: money(total - 1), capturedTotal: money(total), final: true });
    expect(await orderRow(orderId)).toMatchObject({ status: 'CONFIRMED', payment_status: 'PAID' });
    // an earlier capture's event arriving last never undoes PAID
    await handled('payments.captured', storeId, orderId, { paymentId, amount: money(1), capturedTotal: money(1), final: false });
    expect((await orderRow(orderId)).payment_status).toBe('PAID');
  });

  it('marks a voided authorization VOIDED when nothing was captured, and keeps PARTIALLY_PAID when something was', async () => {
    const storeId = randomUUID();
    const untouched = await authorizedOrder(storeId);
    await handled('payments.voided', storeId, untouched.orderId, { paymentId: untouched.paymentId, released: money(2500), capturedTotal: money(0) });
    expect(await orderRow(untouched.orderId)).toMatchObject({ status: 'CONFIRMED', payment_status: 'VOIDED' });

    const partly = await authorizedOrder(storeId);
    await handled('payments.captured', storeId, partly.orderId, { paymentId: partly.paymentId, amount: money(1), capturedTotal: money(1), final: false });
    await handled('payments.voided', storeId, partly.orderId, { paymentId: partly.paymentId, released: money(2499), capturedTotal: money(1) });
    expect((await orderRow(partly.orderId)).payment_status).toBe('PARTIALLY_PAID');
  });
});
