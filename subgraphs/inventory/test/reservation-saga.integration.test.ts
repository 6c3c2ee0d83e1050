import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { envelopeFor, Role, type EventEnvelope } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { inventorySubgraph } from '../src/inventory.subgraph';

const ADJUST = `mutation ($input: AdjustStockInput!) { adjustStock(input: $input) { userErrors { code } } }`;

/** Inventory's side of the saga: reserving an order's lines all or none, and committing them on payment, once. */
describe('inventory: reservations on orders.created, commits on payments.succeeded', () => {
  const storeId = randomUUID();
  let inventory: TestSubgraph;
  let owner: DataSource;

  /** Publishes another subgraph's event (`data` as given) and returns once inventory's consumer handled it. */
  const publish = async (type: string, aggregateId: string, data: Record<string, unknown>): Promise<EventEnvelope> => {
    const { js, names } = inventory.runtime;
    const event = envelopeFor({ type, storeId, aggregateId, data }, { correlationId: randomUUID(), causationId: null });
    await js.publish(names.subject(type), JSON.stringify(event), { msgID: event.id });
    await eventually(async () => (await owner.query(`SELECT 1 FROM processed_event WHERE event_id = $1`, [event.id])).length > 0, 10_000, `${type} handled`);
    return event;
  };
  /** An event of the saga about `orderId` (its data names the order), once handled. */
  const handled = (type: string, orderId: string, data: Record<string, unknown>) => publish(type, orderId, { orderId, ...data });
  const orderCreated = (orderId: string, lines: { productId: string; quantity: number }[]) =>
    handled('orders.created', orderId, { orderNumber: '#1001', customerId: randomUUID(), lines });
  /** A product of the store with `units` on hand. */
  const stocked = async (units: number): Promise<string> => {
    const productId = randomUUID();
    await publish('catalog.product-created', productId, { productId });
    const result = await inventory
      .client(tokenFor([Role.MERCHANT], storeId))
      .rawRequest<{ adjustStock: { userErrors: unknown[] } }>(ADJUST, { input: { productId, delta: units, reason: 'test', idempotencyKey: randomUUID() } });
    expect(result.data.adjustStock.userErrors).toEqual([]);
    return productId;
  };
  const stock = async (productId: string) =>
    (await owner.query(`SELECT on_hand AS "onHand", reserved FROM inventory_item WHERE product_id = $1`, [productId]))[0] as {
      onHand: number;
      reserved: number;
    };
  const reservation = async (orderId: string) =>
    (await owner.query(`SELECT status FROM reservation WHERE order_id = $1`, [orderId]))[0] as { status: string } | undefined;
  /** The reservation events inventory wrote about an order, in order. */
  const events = async (orderId: string): Promise<{ type: string; data: Record<string, unknown> }[]> =>
    (
      await owner.query(`SELECT envelope FROM outbox_event WHERE envelope->>'aggregateId' = $1 AND envelope->>'type' LIKE 'inventory.%' ORDER BY seq`, [
        orderId,
      ])
    ).map((row: { envelope: { type: string; data: Record<string, unknown> } }) => ({ type: row.envelope.type, data: row.envelope.data }));

  beforeAll(async () => {
    inventory = await startTestSubgraph(inventorySubgraph);
    owner = await openOwnerConnection(inventory.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await inventory?.close();
  });

  it('reserves every line of an order, sells them on payment, and sells nothing twice when the payment is heard of again', async () => {
    const [kettle, pan] = [await stocked(5), await stocked(3)];
    const orderId = randomUUID();
    await orderCreated(orderId, [
      { productId: kettle, quantity: 2 },
      { productId: pan, quantity: 1 },
    ]);
    expect(await reservation(orderId)).toEqual({ status: 'RESERVED' });
    expect([await stock(kettle), await stock(pan)]).toEqual([
      { onHand: 5, reserved: 2 },
      { onHand: 3, reserved: 1 },
    ]);
    const lines: { product_id: string; quantity: number }[] = await owner.query(
      `SELECT l.product_id, l.quantity FROM reservation_line l JOIN reservation r ON r.id = l.reservation_id WHERE r.order_id = $1 ORDER BY l.product_id`,
      [orderId],
    );
    expect(lines).toEqual(
      [
        { product_id: kettle, quantity: 2 },
        { product_id: pan, quantity: 1 },
      ].sort((a, b) => (a.product_id < b.product_id ? -1 : 1)),
    );

    const paymentId = randomUUID();
    await handled('payments.succeeded', orderId, { paymentId });
    expect(await reservation(orderId)).toEqual({ status: 'COMMITTED' });
    expect([await stock(kettle), await stock(pan)]).toEqual([
      { onHand: 3, reserved: 0 },
      { onHand: 2, reserved: 0 },
    ]);
    // the same payment announced again under another event id: nothing more is sold, nothing fails
    await handled('payments.succeeded', orderId, { paymentId });
    expect([await stock(kettle), await stock(pan)]).toEqual([
      { onHand: 3, reserved: 0 },
      { onHand: 2, reserved: 0 },
    ]);
    expect((await events(orderId)).map((event) => event.type)).toEqual(['inventory.reserved', 'inventory.committed']);
  });

  it('reserves nothing when one line is short, and refuses to commit that order', async () => {
    const [plenty, scarce] = [await stocked(10), await stocked(1)];
    const orderId = randomUUID();
    await orderCreated(orderId, [
      { productId: plenty, quantity: 4 },
      { productId: scarce, quantity: 2 },
    ]);
    expect(await reservation(orderId)).toEqual({ status: 'FAILED' });
    expect([await stock(plenty), await stock(scarce)]).toEqual([
      { onHand: 10, reserved: 0 },
      { onHand: 1, reserved: 0 },
    ]);
    const single = randomUUID();
    await orderCreated(single, [{ productId: scarce, quantity: 2 }]);
    expect(await reservation(single)).toEqual({ status: 'FAILED' });
    expect(await stock(scarce)).toEqual({ onHand: 1, reserved: 0 });

    await handled('payments.succeeded', orderId, { paymentId: randomUUID() });
    expect(await events(orderId)).toEqual([
      { type: 'inventory.reservation-failed', data: expect.objectContaining({ productIds: [scarce] }) },
      { type: 'inventory.commit-failed', data: { orderId, reason: 'The stock reservation is failed' } },
    ]);
    expect([await stock(plenty), await stock(scarce)]).toEqual([
      { onHand: 10, reserved: 0 },
      { onHand: 1, reserved: 0 },
    ]);
  });

  it('answers a payment for an order it never reserved, or whose stock went back, with inventory.commit-failed', async () => {
    const never = randomUUID();
    await handled('payments.succeeded', never, { paymentId: randomUUID() });
    expect(await events(never)).toEqual([{ type: 'inventory.commit-failed', data: { orderId: never, reason: 'No stock was reserved for the order' } }]);

    const productId = await stocked(2);
    const cancelled = randomUUID();
    await orderCreated(cancelled, [{ productId, quantity: 2 }]);
    await handled('orders.cancelled', cancelled, { reason: 'changed their mind' });
    expect(await stock(productId)).toEqual({ onHand: 2, reserved: 0 });
    await handled('payments.succeeded', cancelled, { paymentId: randomUUID() });
    expect((await events(cancelled)).at(-1)).toEqual({
      type: 'inventory.commit-failed',
      data: { orderId: cancelled, reason: 'The stock reservation is released' },
    });
    expect(await stock(productId)).toEqual({ onHand: 2, reserved: 0 });
  });

  it('puts the units of a cancelled remainder back on hand where they were sold from, once; an order never committed gets nothing back', async () => {
    const [kettle, pan] = [await stocked(5), await stocked(3)];
    const orderId = randomUUID();
    await orderCreated(orderId, [
      { productId: kettle, quantity: 3 },
      { productId: pan, quantity: 1 },
    ]);
    await handled('payments.succeeded', orderId, { paymentId: randomUUID() });
    expect([await stock(kettle), await stock(pan)]).toEqual([
      { onHand: 2, reserved: 0 },
      { onHand: 2, reserved: 0 },
    ]);
    const remainder = {
      lines: [{ lineItemId: randomUUID(), variantId: kettle, quantity: 2 }],
      value: { amount: 5000, currencyCode: 'USD' },
      reason: null,
      actor: null,
    };
    const event = await handled('orders.remainder-cancelled', orderId, remainder);
    expect([await stock(kettle), await stock(pan)]).toEqual([
      { onHand: 4, reserved: 0 },
      { onHand: 2, reserved: 0 },
    ]);
    const changed = await owner.query(
      `SELECT envelope->'data'->>'reason' AS reason FROM outbox_event WHERE envelope->>'type' = 'inventory.stock-changed' AND envelope->>'causationId' = $1`,
      [event.id],
    );
    expect(changed).toEqual([{ reason: 'order remainder cancelled' }]);
    // the same event delivered again (another message id, so JetStream keeps it) changes nothing: the consumer recorded it;
    // an event published after it is handled after it, so once that one is, the repeat has been seen
    const { js, names } = inventory.runtime;
    await js.publish(names.subject(event.type), JSON.stringify(event), { msgID: `${event.id}-again` });
    await handled('orders.remainder-cancelled', randomUUID(), remainder);
    expect(await stock(kettle)).toEqual({ onHand: 4, reserved: 0 });

    const unpaid = randomUUID();
    await orderCreated(unpaid, [{ productId: pan, quantity: 1 }]);
    await handled('orders.remainder-cancelled', unpaid, { ...remainder, lines: [{ lineItemId: randomUUID(), variantId: pan, quantity: 1 }] });
    expect(await stock(pan)).toEqual({ onHand: 2, reserved: 1 });
  });

  it('puts back on hand the `restock` units of a cancelled order whose stock was committed (an authorized order cancelled), and nothing without them', async () => {
    const [kettle, pan] = [await stocked(5), await stocked(3)];
    const authorized = randomUUID();
    await orderCreated(authorized, [
      { productId: kettle, quantity: 3 },
      { productId: pan, quantity: 1 },
    ]);
    await handled('payments.succeeded', authorized, { paymentId: randomUUID() });
    expect([await stock(kettle), await stock(pan)]).toEqual([
      { onHand: 2, reserved: 0 },
      { onHand: 2, reserved: 0 },
    ]);
    const cancelled = await handled('orders.cancelled', authorized, {
      reason: null,
      restock: [
        { variantId: kettle, quantity: 3 },
        { variantId: pan, quantity: 1 },
      ],
    });
    expect([await stock(kettle), await stock(pan)]).toEqual([
      { onHand: 5, reserved: 0 },
      { onHand: 3, reserved: 0 },
    ]);
    const changed = await owner.query(
      `SELECT envelope->'data'->>'reason' AS reason FROM outbox_event WHERE envelope->>'type' = 'inventory.stock-changed' AND envelope->>'causationId' = $1`,
      [cancelled.id],
    );
    expect(changed).toEqual([{ reason: 'order cancelled' }, { reason: 'order cancelled' }]);

    // a paid order cancelled with a refund restocks through the refund: its orders.cancelled names nothing and changes nothing
    const refunded = randomUUID();
    await orderCreated(refunded, [{ productId: pan, quantity: 2 }]);
    await handled('payments.succeeded', refunded, { paymentId: randomUUID() });
    await handled('orders.cancelled', refunded, { reason: null, restock: [] });
    expect(await stock(pan)).toEqual({ onHand: 1, reserved: 0 });
  });
});
