import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { gql } from 'graphql-request';
import { Role, type EventEnvelope } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { ordersSubgraph } from '../src/orders.subgraph';
import { CANCEL_ORDER, CANCEL_ORDER_REMAINDER, checkoutSnapshot, shopperFields, upstreamEvents } from './support/order-operations';

const REFUND_ORDER = gql`
  mutation ($input: RefundOrderInput!) {
    refundOrder(input: $input) {
      refund {
        id
        amount {
          amount
        }
      }
      userErrors {
        code
        field
      }
    }
  }
`;
const CAPTURED = gql`
  query ($id: ID!) {
    order(id: $id) {
      paymentStatus
      totalCaptured {
        amount
        currencyCode
      }
      refundableAmount {
        amount
      }
    }
  }
`;

interface Payload {
  order: { status: string } | null;
  userErrors: { code: string; field: string[] | null }[];
}

/**
 * What payments took for an order (issue 15): `captured_amount` follows payments' events, refunds are bounded by it,
 * and staff may cancel an authorized order (void + restock) or a partly captured, partly shipped one (its remainder).
 */
describe('orders: captured amount, and cancelling authorized orders', () => {
  let orders: TestSubgraph;
  let owner: DataSource;
  const events = upstreamEvents(() => orders);
  const money = (amount: number) => ({ amount, currencyCode: 'USD' });

  beforeAll(async () => {
    orders = await startTestSubgraph(ordersSubgraph);
    owner = await openOwnerConnection(orders.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await orders?.close();
  });

  const row = async (orderId: string): Promise<{ status: string; payment_status: string; captured_amount: string; refunded_amount: string }> =>
    (await owner.query(`SELECT status, payment_status, captured_amount, refunded_amount FROM customer_order WHERE id = $1`, [orderId]))[0];
  const outboxOf = async (orderId: string, type: string): Promise<Record<string, unknown>[]> =>
    (await owner.query(`SELECT envelope FROM outbox_event WHERE envelope->>'type' = $1 AND envelope->>'aggregateId' = $2 ORDER BY seq`, [type, orderId])).map(
      (r: { envelope: { data: Record<string, unknown> } }) => r.envelope.data,
    );
  /** Everything orders keeps about an order: what a refused change must leave as it was. */
  const written = async (orderId: string) => ({
    order: await owner.query(`SELECT * FROM customer_order WHERE id = $1`, [orderId]),
    lines: await owner.query(`SELECT * FROM order_line_item WHERE order_id = $1 ORDER BY position`, [orderId]),
    history: await owner.query(`SELECT * FROM order_status_change WHERE order_id = $1 ORDER BY id`, [orderId]),
    refunds: await owner.query(`SELECT * FROM order_refund WHERE order_id = $1 ORDER BY created_at`, [orderId]),
    outbox: await owner.query(`SELECT seq FROM outbox_event WHERE envelope->>'aggregateId' = $1`, [orderId]),
  });
  /** Another subgraph's event about the order; returns once orders' consumer handled it. */
  const handled = async (type: string, storeId: string, orderId: string, data: Record<string, unknown>) => {
    const event: EventEnvelope = await events.publish(type, storeId, orderId, { orderId, ...data }, 0);
    await events.handled(storeId, event.id, `${type} handled`);
  };
  const mutate = async (token: string, document: string, input: Record<string, unknown>): Promise<Payload> => {
    const result = await orders.client(token).request<Record<string, Payload>>(document, { input });
    return Object.values(result)[0];
  };

  /**
   * A CONFIRMED order of 3 × A at 10.00 and 1 × B at 25.00 with 5.00 shipping (total 60.00), its stock committed; paid
   * by a sale (`payments.succeeded`) or, with `authorized`, only held on the card (`payments.authorized`).
   */
  const confirmedOrder = async (storeId: string, how: 'sold' | 'authorized') => {
    const [variantA, variantB] = [await events.product(storeId, 1000), await events.product(storeId, 2500)];
    const customerId = randomUUID();
    const snapshot = checkoutSnapshot(
      [
        { productId: variantA, quantity: 3, unitPrice: 1000 },
        { productId: variantB, quantity: 1, unitPrice: 2500 },
      ],
      shopperFields({ customerId }),
    );
    Object.assign(snapshot, { shippingTotal: 500, total: snapshot.subtotal + 500 });
    const { order } = await events.checkout(storeId, snapshot);
    const orderId = order!.id;
    const paymentId = randomUUID();
    await handled(how === 'sold' ? 'payments.succeeded' : 'payments.authorized', storeId, orderId, { paymentId, amount: money(snapshot.total) });
    await handled('inventory.committed', storeId, orderId, {});
    await eventually(async () => (await row(orderId)).status === 'CONFIRMED', 10_000, 'CONFIRMED');
    const lines: { id: string }[] = await owner.query(`SELECT id FROM order_line_item WHERE order_id = $1 ORDER BY position`, [orderId]);
    return { orderId, paymentId, customerId, variantA, variantB, lineA: lines[0].id, lineB: lines[1].id, total: snapshot.total };
  };
  const captured = (storeId: string, orderId: string, paymentId: string, capturedTotal: number) =>
    handled('payments.captured', storeId, orderId, { paymentId, amount: money(capturedTotal), capturedTotal: money(capturedTotal), final: false });

  it('keeps what was captured: a sale takes the total, captures only grow it, and Order.totalCaptured shows it', async () => {
    const storeId = randomUUID();
    const staff = tokenFor([Role.MERCHANT], storeId);
    const sold = await confirmedOrder(storeId, 'sold');
    expect(await row(sold.orderId)).toMatchObject({ payment_status: 'PAID', captured_amount: '6000' });

    const held = await confirmedOrder(storeId, 'authorized');
    const read = async () => (await orders.client(staff).request<{ order: Record<string, unknown> }>(CAPTURED, { id: held.orderId })).order;
    expect(await read()).toEqual({ paymentStatus: 'AUTHORIZED', totalCaptured: money(0), refundableAmount: { amount: 0 } });
    await captured(storeId, held.orderId, held.paymentId, 1500);
    expect(await read()).toEqual({ paymentStatus: 'PARTIALLY_PAID', totalCaptured: money(1500), refundableAmount: { amount: 1500 } });
    // an earlier capture's news arriving last, and a void reporting the same total, change nothing
    await captured(storeId, held.orderId, held.paymentId, 1000);
    await handled('payments.voided', storeId, held.orderId, { paymentId: held.paymentId, released: money(4500), capturedTotal: money(1500) });
    expect(await read()).toEqual({ paymentStatus: 'PARTIALLY_PAID', totalCaptured: money(1500), refundableAmount: { amount: 1500 } });
    await captured(storeId, held.orderId, held.paymentId, 6000);
    expect(await read()).toEqual({ paymentStatus: 'PAID', totalCaptured: money(6000), refundableAmount: { amount: 6000 } });
  });

  it('refunds a PARTIALLY_PAID order up to what was captured, refuses an AUTHORIZED one and anything beyond, writing nothing', async () => {
    const storeId = randomUUID();
    const staff = tokenFor([Role.MERCHANT], storeId);
    const { orderId, paymentId, lineA } = await confirmedOrder(storeId, 'authorized');

    let before = await written(orderId);
    const nothingTaken = await mutate(staff, REFUND_ORDER, { orderId, amount: 100, reason: 'Goodwill' });
    expect(nothingTaken.userErrors).toEqual([expect.objectContaining({ code: 'ORDER_NOT_PAID' })]);
    expect(await written(orderId)).toEqual(before);

    await captured(storeId, orderId, paymentId, 1500);
    before = await written(orderId);
    const beyond = await mutate(staff, REFUND_ORDER, { orderId, amount: 1501, reason: 'Goodwill' });
    expect(beyond.userErrors).toEqual([expect.objectContaining({ code: 'REFUND_EXCEEDS_REFUNDABLE' })]);
    expect(await written(orderId)).toEqual(before);

    const made = (
      await orders.client(staff).request<{ refundOrder: { refund: { id: string; amount: { amount: number } } } }>(REFUND_ORDER, {
        input: { orderId, lines: [{ lineItemId: lineA, quantity: 1 }], amount: 1000, reason: 'Scratched' },
      })
    ).refundOrder.refund;
    expect(made.amount.amount).toBe(1000);
    await handled('payments.refunded', storeId, orderId, { paymentId, refundId: made.id, amount: money(1000), reason: null });
    // the authorization is still held: the order ships on, its payment status stays PARTIALLY_PAID
    expect(await row(orderId)).toMatchObject({ status: 'CONFIRMED', payment_status: 'PARTIALLY_PAID', refunded_amount: '1000' });
    // the rest captured as the order ships: PAID less the refund
    await captured(storeId, orderId, paymentId, 6000);
    expect(await row(orderId)).toMatchObject({ status: 'CONFIRMED', payment_status: 'PARTIALLY_REFUNDED', captured_amount: '6000' });
  });

  it('cancels an AUTHORIZED order for staff: no refund, CANCELLED, every committed unit put back through orders.cancelled; its shopper may not', async () => {
    const storeId = randomUUID();
    const { orderId, customerId, variantA, variantB } = await confirmedOrder(storeId, 'authorized');

    const before = await written(orderId);
    const shopper = await mutate(tokenFor([Role.CUSTOMER], storeId, customerId), CANCEL_ORDER, { orderId });
    expect(shopper).toEqual({ order: null, userErrors: [expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'orderId'] })] });
    expect(await written(orderId)).toEqual(before);

    const staff = tokenFor([Role.STORE_STAFF], storeId);
    const cancelled = await mutate(staff, CANCEL_ORDER, { orderId, reasonCode: 'CUSTOMER_CHANGED_MIND', reason: 'Changed their mind' });
    expect(cancelled).toMatchObject({ order: { status: 'CANCELLED' }, userErrors: [] });
    expect(await row(orderId)).toMatchObject({ status: 'CANCELLED', payment_status: 'AUTHORIZED', captured_amount: '0' });
    expect(await outboxOf(orderId, 'orders.refund-requested')).toEqual([]);
    const [event] = await outboxOf(orderId, 'orders.cancelled');
    // payments voids the hold on it (payments-void-on-cancelled); inventory puts these units back on hand
    expect(event.restock).toEqual([
      { variantId: variantA, quantity: 3 },
      { variantId: variantB, quantity: 1 },
    ]);
    // payments' void lands as VOIDED
    await handled('payments.voided', storeId, orderId, { paymentId: randomUUID(), released: money(6000), capturedTotal: money(0) });
    expect((await row(orderId)).payment_status).toBe('VOIDED');
    const audit: { action: string }[] = await owner.query(`SELECT action FROM order_audit_entry WHERE order_id = $1 ORDER BY occurred_at`, [orderId]);
    expect(audit.map((entry) => entry.action)).toContain('ORDER_CANCELLED');

    // a cancelled order cannot be cancelled again, nor have its remainder cancelled: INVALID_TRANSITION, nothing written
    const after = await written(orderId);
    expect((await mutate(staff, CANCEL_ORDER, { orderId })).userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    expect((await mutate(staff, CANCEL_ORDER_REMAINDER, { orderId })).userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    expect(await written(orderId)).toEqual(after);
  });

  it('refunds at once a capture that reaches orders after the order was cancelled', async () => {
    const storeId = randomUUID();
    const { orderId, paymentId } = await confirmedOrder(storeId, 'authorized');
    expect(await mutate(tokenFor([Role.MERCHANT], storeId), CANCEL_ORDER, { orderId })).toMatchObject({ order: { status: 'CANCELLED' } });
    expect(await outboxOf(orderId, 'orders.refund-requested')).toEqual([]);
    // staff's capture made just before the cancellation, heard of after it
    await captured(storeId, orderId, paymentId, 2000);
    expect(await row(orderId)).toMatchObject({ status: 'CANCELLED', captured_amount: '2000' });
    const [refund] = await outboxOf(orderId, 'orders.refund-requested');
    expect(refund).toMatchObject({ amount: money(2000), reason: 'Captured after the order was cancelled' });
  });

  it('cancels a CONFIRMED order captured in part: what was captured is refunded with every unit restocked', async () => {
    const storeId = randomUUID();
    const { orderId, paymentId, lineA, lineB } = await confirmedOrder(storeId, 'authorized');
    await captured(storeId, orderId, paymentId, 2000);
    const cancelled = await mutate(tokenFor([Role.MERCHANT], storeId), CANCEL_ORDER, { orderId });
    expect(cancelled).toMatchObject({ order: { status: 'CANCELLED' }, userErrors: [] });
    const [refund] = await outboxOf(orderId, 'orders.refund-requested');
    expect(refund).toMatchObject({ amount: money(2000) });
    expect(refund.lines).toEqual([
      expect.objectContaining({ lineItemId: lineA, quantity: 3, restock: true }),
      expect.objectContaining({ lineItemId: lineB, quantity: 1, restock: true }),
    ]);
    // the refund restocks them: orders.cancelled names nothing more to put back
    expect((await outboxOf(orderId, 'orders.cancelled'))[0].restock).toEqual([]);
  });

  it('cancelling a partly shipped, partly captured order cancels its remainder: the hold settled by payments, a refund only of what was paid beyond the shipped units', async () => {
    const storeId = randomUUID();
    const staff = tokenFor([Role.MERCHANT], storeId);

    // the first shipment (1 × A) captured exactly its share: nothing of the remainder was paid for
    const exact = await confirmedOrder(storeId, 'authorized');
    await events.ship(storeId, exact.orderId, { lines: [{ variantId: exact.variantA, quantity: 1 }] });
    const [recorded] = await outboxOf(exact.orderId, 'orders.fulfilment-recorded');
    const shipped = (recorded.value as { amount: number }).amount;
    await captured(storeId, exact.orderId, exact.paymentId, shipped);
    const done = await mutate(staff, CANCEL_ORDER, { orderId: exact.orderId, reason: 'Out of stock' });
    expect(done).toMatchObject({ order: { status: 'FULFILLED' }, userErrors: [] });
    expect(await outboxOf(exact.orderId, 'orders.refund-requested')).toEqual([]);
    const [remainder] = await outboxOf(exact.orderId, 'orders.remainder-cancelled');
    expect(remainder).toMatchObject({ value: money(6000 - shipped), shippedValue: money(shipped) });
    expect(await outboxOf(exact.orderId, 'orders.cancelled')).toEqual([]);

    // staff captured 50.00 though 1 × A shipped: the shopper paid for units that will not ship, and gets that back
    const over = await confirmedOrder(storeId, 'authorized');
    await events.ship(storeId, over.orderId, { lines: [{ variantId: over.variantA, quantity: 1 }] });
    await captured(storeId, over.orderId, over.paymentId, 5000);
    const overDone = await mutate(staff, CANCEL_ORDER, { orderId: over.orderId });
    expect(overDone).toMatchObject({ order: { status: 'FULFILLED' }, userErrors: [] });
    const [refund] = await outboxOf(over.orderId, 'orders.refund-requested');
    expect(refund).toMatchObject({ amount: money(5000 - shipped) });
  });

  it('never lets refunds and shipments racing on one order lose either, nor refund beyond what was captured', async () => {
    const storeId = randomUUID();
    const staff = tokenFor([Role.MERCHANT], storeId);
    for (let round = 0; round < 4; round += 1) {
      const { orderId, lineA, variantA } = await confirmedOrder(storeId, 'sold');
      // a shipment of 2 × A and two refunds of 1 × A each at the same moment, and a refund of everything left
      const outcomes = await Promise.all([
        events.ship(storeId, orderId, { lines: [{ variantId: variantA, quantity: 2 }] }),
        mutate(staff, REFUND_ORDER, { orderId, lines: [{ lineItemId: lineA, quantity: 1 }], reason: 'Race one' }),
        mutate(staff, REFUND_ORDER, { orderId, lines: [{ lineItemId: lineA, quantity: 1 }], reason: 'Race two' }),
        mutate(staff, REFUND_ORDER, { orderId, amount: 6000, reason: 'Everything' }),
      ]);
      const refunds = outcomes.slice(1) as Payload[];
      const rows: { amount: string }[] = await owner.query(`SELECT amount FROM order_refund WHERE order_id = $1`, [orderId]);
      const refunded = rows.reduce((sum, r) => sum + Number(r.amount), 0);
      expect(refunded).toBeLessThanOrEqual(6000);
      // every refund either went through or was refused for the money left, never silently dropped
      expect(rows.length).toBe(refunds.filter((payload) => payload.userErrors.length === 0).length);
      for (const payload of refunds.filter((candidate) => candidate.userErrors.length > 0)) {
        expect(payload.userErrors.map((error) => error.code)).toEqual(['REFUND_EXCEEDS_REFUNDABLE']);
      }
      const [line]: { fulfilled_quantity: number }[] = await owner.query(`SELECT fulfilled_quantity FROM order_line_item WHERE id = $1`, [lineA]);
      expect(line.fulfilled_quantity).toBe(2);
      expect((await row(orderId)).status).toBe('PARTIALLY_FULFILLED');
    }
  });
});
