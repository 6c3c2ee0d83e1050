import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { ordersSubgraph } from '../src/orders.subgraph';
import { CANCEL_ORDER_REMAINDER, COMPLETE_ORDER, checkoutSnapshot, shopperFields, upstreamEvents, type OrderPayloadResult } from './support/order-operations';

const FULFILMENT = gql`
  query ($id: ID!) {
    order(id: $id) {
      status
      fulfillmentStatus
      lineItems {
        variantId
        quantity
        fulfilledQuantity
        cancelledQuantity
      }
    }
  }
`;

interface Fulfilment {
  status: string;
  fulfillmentStatus: string;
  lineItems: { variantId: string; quantity: number; fulfilledQuantity: number; cancelledQuantity: number }[];
}

/** Shipping ships; orders records each shipment against the order, moves it through fulfilment and delivery, and cancels a remainder. */
describe('orders: partial fulfilment, delivery and remainder cancellation', () => {
  let orders: TestSubgraph;
  let owner: DataSource;
  const events = upstreamEvents(() => orders);

  const statusOf = async (orderId: string): Promise<string> => (await owner.query(`SELECT status FROM customer_order WHERE id = $1`, [orderId]))[0].status;
  const outboxOf = async (orderId: string, type: string) =>
    (await owner.query(`SELECT envelope FROM outbox_event WHERE envelope->>'type' = $1 AND envelope->>'aggregateId' = $2 ORDER BY seq`, [type, orderId])).map(
      (row: { envelope: { data: Record<string, unknown> } }) => row.envelope.data,
    );
  /** Everything orders keeps about an order: what a refused change must leave as it was. */
  const written = async (orderId: string) => ({
    order: await owner.query(`SELECT * FROM customer_order WHERE id = $1`, [orderId]),
    lines: await owner.query(`SELECT * FROM order_line_item WHERE order_id = $1 ORDER BY position`, [orderId]),
    history: await owner.query(`SELECT * FROM order_status_change WHERE order_id = $1 ORDER BY id`, [orderId]),
    fulfilments: await owner.query(`SELECT * FROM order_fulfilment WHERE order_id = $1 ORDER BY recorded_at`, [orderId]),
    outbox: await owner.query(`SELECT seq FROM outbox_event WHERE envelope->>'aggregateId' = $1`, [orderId]),
  });
  const read = async (storeId: string, orderId: string): Promise<Fulfilment> =>
    (await orders.client(tokenFor([Role.MERCHANT], storeId)).request<{ order: Fulfilment }>(FULFILMENT, { id: orderId })).order;
  const mutate = async (token: string, document: string, input: Record<string, unknown>) => {
    const result = await orders.client(token).rawRequest<Record<string, OrderPayloadResult>>(document, { input });
    return { errors: result.errors, payload: result.data ? Object.values(result.data)[0] : null };
  };

  /**
   * A paid, confirmed order of 3 × A at 10.00 and 1 × B at 25.00 with 5.00 shipping (total 60.00), as cart prices it;
   * `quantityA` changes the A units (the total follows).
   */
  const confirmedOrder = async (storeId: string, quantityA = 3) => {
    const [productA, productB] = [await events.product(storeId, 1000), await events.product(storeId, 2500)];
    const snapshot = checkoutSnapshot(
      [
        { productId: productA, quantity: quantityA, unitPrice: 1000 },
        { productId: productB, quantity: 1, unitPrice: 2500 },
      ],
      shopperFields({ customerId: randomUUID() }),
    );
    Object.assign(snapshot, { shippingTotal: 500, total: snapshot.subtotal + 500 });
    const { order } = await events.checkout(storeId, snapshot);
    await events.confirm(storeId, order!.id);
    await eventually(async () => (await statusOf(order!.id)) === 'CONFIRMED', 10_000, 'CONFIRMED');
    return { orderId: order!.id, variantA: productA, variantB: productB, total: snapshot.total };
  };

  beforeAll(async () => {
    orders = await startTestSubgraph(ordersSubgraph);
    owner = await openOwnerConnection(orders.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await orders?.close();
  });

  it('records two shipments: PARTIALLY_FULFILLED then FULFILLED, each once, with values that add up to the total; then DELIVERED once both arrive', async () => {
    const storeId = randomUUID();
    const { orderId, variantA, variantB } = await confirmedOrder(storeId);
    const staff = { userId: randomUUID() };

    const first = await events.ship(storeId, orderId, { lines: [{ variantId: variantA, quantity: 1 }], actor: staff });
    expect(await read(storeId, orderId)).toEqual({
      status: 'PARTIALLY_FULFILLED',
      fulfillmentStatus: 'PARTIALLY_FULFILLED',
      lineItems: [
        { variantId: variantA, quantity: 3, fulfilledQuantity: 1, cancelledQuantity: 0 },
        { variantId: variantB, quantity: 1, fulfilledQuantity: 0, cancelledQuantity: 0 },
      ],
    });
    const [recorded] = await outboxOf(orderId, 'orders.fulfilment-recorded');
    // a third of line A (10.00) and the whole shipping (5.00) on the first shipment
    expect(recorded).toEqual({
      orderId,
      orderNumber: expect.any(String),
      shipmentId: first.shipmentId,
      lines: [{ lineItemId: expect.any(String), variantId: variantA, quantity: 1 }],
      value: { amount: 1500, currencyCode: 'USD' },
      orderFullyFulfilled: false,
      actor: staff,
    });

    // the same shipment heard again (a redelivery with a new event id) changes nothing
    const before = await written(orderId);
    await events.ship(storeId, orderId, { shipmentId: first.shipmentId, lines: [{ variantId: variantA, quantity: 1 }] });
    expect(await written(orderId)).toEqual(before);

    const second = await events.ship(storeId, orderId, { carrier: 'DHL', trackingNumber: 'JD77', actor: null });
    expect(await read(storeId, orderId)).toMatchObject({ status: 'FULFILLED', fulfillmentStatus: 'FULFILLED' });
    const values = await outboxOf(orderId, 'orders.fulfilment-recorded');
    expect(values[1]).toMatchObject({ shipmentId: second.shipmentId, value: { amount: 4500, currencyCode: 'USD' }, orderFullyFulfilled: true, actor: null });
    expect(values[1].lines).toHaveLength(2);
    // consumers that knew DISPATCHED still hear orders.dispatched once, with the shipment that fulfilled the order
    expect(await outboxOf(orderId, 'orders.dispatched')).toEqual([
      expect.objectContaining({ shipmentId: second.shipmentId, carrier: 'DHL', trackingNumber: 'JD77' }),
    ]);
    expect((await outboxOf(orderId, 'orders.status-changed')).slice(-2)).toEqual([
      expect.objectContaining({ from: 'CONFIRMED', to: 'PARTIALLY_FULFILLED', reason: 'Shipped with UPS (1Z999)' }),
      expect.objectContaining({ from: 'PARTIALLY_FULFILLED', to: 'FULFILLED', reason: 'Shipped with DHL (JD77)' }),
    ]);

    // other tracking news and the first delivery leave it FULFILLED; the last delivery makes it DELIVERED, once
    await events.deliver(storeId, orderId, first.shipmentId, 'IN_TRANSIT');
    await events.deliver(storeId, orderId, first.shipmentId);
    expect(await statusOf(orderId)).toBe('FULFILLED');
    await events.deliver(storeId, orderId, second.shipmentId);
    expect(await read(storeId, orderId)).toMatchObject({ status: 'DELIVERED', fulfillmentStatus: 'DELIVERED' });
    await events.deliver(storeId, orderId, second.shipmentId);
    expect((await outboxOf(orderId, 'orders.status-changed')).filter((change: Record<string, unknown>) => change.to === 'DELIVERED')).toHaveLength(1);

    const completed = await mutate(tokenFor([Role.MERCHANT], storeId), COMPLETE_ORDER, { orderId });
    expect(completed.payload?.order?.status).toBe('COMPLETED');
  });

  it('refuses, without a dead letter and without changing anything, a shipment of more than is left or of an order that is not paid', async () => {
    const storeId = randomUUID();
    const { orderId, variantA } = await confirmedOrder(storeId);
    await events.ship(storeId, orderId, { lines: [{ variantId: variantA, quantity: 2 }] });
    const before = await written(orderId);
    const over = await events.ship(storeId, orderId, { lines: [{ variantId: variantA, quantity: 2 }] });
    const after = await written(orderId);
    expect({ ...after, fulfilments: after.fulfilments.filter((row: { shipment_id: string }) => row.shipment_id !== over.shipmentId) }).toEqual(before);
    expect(after.fulfilments.find((row: { shipment_id: string }) => row.shipment_id === over.shipmentId)).toMatchObject({
      value_amount: '0',
      refused_reason: expect.stringContaining('more than the 1 neither shipped nor cancelled'),
    });
    // handled (not dead-lettered) by the consumer that records shipments; the audit trail's consumer records it too
    expect(await owner.query(`SELECT 1 FROM processed_event WHERE event_id = $1 AND consumer LIKE '%orders-shipment-created'`, [over.id])).toHaveLength(1);

    const unpaidStore = randomUUID();
    const { order: unpaid } = await events.place(unpaidStore, await events.product(unpaidStore), { customerId: randomUUID() });
    await events.ship(unpaidStore, unpaid!.id);
    expect(await statusOf(unpaid!.id)).toBe('CREATED');
    expect(await outboxOf(unpaid!.id, 'orders.fulfilment-recorded')).toEqual([]);

    // news of a delivery orders never recorded the shipment of (shipped before issue 15: the migration made the order
    // FULFILLED) is handled once and changes nothing, rather than retried
    const legacyStore = randomUUID();
    const legacy = await confirmedOrder(legacyStore);
    await owner.query(`UPDATE customer_order SET status = 'FULFILLED', fulfillment_status = 'FULFILLED' WHERE id = $1`, [legacy.orderId]);
    const beforeLegacy = await written(legacy.orderId);
    await events.deliver(legacyStore, legacy.orderId, randomUUID());
    expect(await written(legacy.orderId)).toEqual(beforeLegacy);
  });

  it('cancels the unshipped remainder of a partly shipped order: staff of its store only, INVALID_TRANSITION otherwise, the value for a refund, then DELIVERED', async () => {
    const storeId = randomUUID();
    const { orderId, variantA, variantB, total } = await confirmedOrder(storeId, 2);
    const staff = tokenFor([Role.STORE_STAFF], storeId);

    // a CONFIRMED order has shipped nothing: there is no remainder to cancel, and nothing is written
    let before = await written(orderId);
    const early = await mutate(staff, CANCEL_ORDER_REMAINDER, { orderId });
    expect(early.payload).toEqual({ order: null, userErrors: [expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'orderId'] })] });
    expect(await written(orderId)).toEqual(before);

    const shipped = await events.ship(storeId, orderId, { lines: [{ variantId: variantA, quantity: 1 }] });
    before = await written(orderId);
    // another store's staff and the order's customer are refused and write nothing
    const otherStore = await mutate(tokenFor([Role.MERCHANT], randomUUID()), CANCEL_ORDER_REMAINDER, { orderId });
    expect(otherStore.payload).toEqual({ order: null, userErrors: [expect.objectContaining({ code: 'NOT_FOUND' })] });
    const customer = await mutate(tokenFor([Role.CUSTOMER], storeId), CANCEL_ORDER_REMAINDER, { orderId });
    expect(customer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // an order whose payment is not settled as paid is refused
    await owner.query(`UPDATE customer_order SET payment_status = 'PENDING' WHERE id = $1`, [orderId]);
    const unpaid = await mutate(staff, CANCEL_ORDER_REMAINDER, { orderId });
    expect(unpaid.payload).toEqual({ order: null, userErrors: [expect.objectContaining({ code: 'ORDER_NOT_PAID' })] });
    await owner.query(`UPDATE customer_order SET payment_status = 'PAID' WHERE id = $1`, [orderId]);
    expect(await written(orderId)).toEqual(before);

    const cancelled = await mutate(staff, CANCEL_ORDER_REMAINDER, { orderId, reason: 'B is discontinued' });
    expect(cancelled.payload?.userErrors).toEqual([]);
    expect(await read(storeId, orderId)).toEqual({
      status: 'FULFILLED',
      fulfillmentStatus: 'FULFILLED',
      lineItems: [
        { variantId: variantA, quantity: 2, fulfilledQuantity: 1, cancelledQuantity: 1 },
        { variantId: variantB, quantity: 1, fulfilledQuantity: 0, cancelledQuantity: 1 },
      ],
    });
    const [first] = await outboxOf(orderId, 'orders.fulfilment-recorded');
    const [remainder] = await outboxOf(orderId, 'orders.remainder-cancelled');
    expect(remainder).toEqual({
      orderId,
      orderNumber: expect.any(String),
      lines: [
        { lineItemId: expect.any(String), variantId: variantA, quantity: 1 },
        { lineItemId: expect.any(String), variantId: variantB, quantity: 1 },
      ],
      // the last settlement takes exactly what the shipment left of the total: 10.00 + 25.00
      value: { amount: total - (first.value as { amount: number }).amount, currencyCode: 'USD' },
      // what the shipped units are worth: payments captures it of a held authorization before releasing the rest
      shippedValue: first.value,
      reason: 'B is discontinued',
      actor: { userId: expect.any(String) },
    });
    expect(remainder.value).toEqual({ amount: 3500, currencyCode: 'USD' });
    // refunded in the same transaction: the cancelled units' value, not restocked by the refund (inventory restocks them
    // from orders.remainder-cancelled)
    const [refund] = await outboxOf(orderId, 'orders.refund-requested');
    expect(refund).toMatchObject({ amount: { amount: 3500, currencyCode: 'USD' }, reason: 'B is discontinued', attempt: 1 });
    expect((refund.lines as { quantity: number; restock: boolean }[]).map(({ quantity, restock }) => [quantity, restock])).toEqual([
      [1, false],
      [1, false],
    ]);

    // a second cancellation is refused; the one shipment's delivery makes the order DELIVERED
    before = await written(orderId);
    expect((await mutate(staff, CANCEL_ORDER_REMAINDER, { orderId })).payload?.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    expect(await written(orderId)).toEqual(before);
    await events.deliver(storeId, orderId, shipped.shipmentId);
    expect(await read(storeId, orderId)).toMatchObject({ status: 'DELIVERED', fulfillmentStatus: 'DELIVERED' });
  });
});
