import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { gql } from 'graphql-request';
import { Role, type EventEnvelope } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { ordersSubgraph } from '../src/orders.subgraph';
import { CANCEL_ORDER, checkoutSnapshot, shopperFields, upstreamEvents } from './support/order-operations';

const REFUND_FIELDS = `refund { id status amount { amount currencyCode } shipping { amount } reason failureReason attempts lines { lineItemId quantity restock locationId } }
  userErrors { code field message }`;
const REFUND_ORDER = gql`mutation ($input: RefundOrderInput!) { refundOrder(input: $input) { ${REFUND_FIELDS} } }`;
const RETRY_REFUND = gql`mutation ($input: RetryRefundInput!) { retryRefund(input: $input) { ${REFUND_FIELDS} } }`;
const ORDER_REFUNDS = gql`
  query ($id: ID!) {
    order(id: $id) {
      status
      paymentStatus
      totalRefunded {
        amount
      }
      refundableAmount {
        amount
      }
      lineItems {
        id
        refundedQuantity
      }
      refunds {
        id
        status
        amount {
          amount
        }
        failureReason
      }
    }
  }
`;

interface RefundResult {
  refund: {
    id: string;
    status: string;
    amount: { amount: number };
    shipping: { amount: number };
    attempts: number;
    lines: { lineItemId: string; quantity: number }[];
  } | null;
  userErrors: { code: string; field: string[] | null; message: string }[];
}
interface OrderRefunds {
  status: string;
  paymentStatus: string;
  totalRefunded: { amount: number };
  refundableAmount: { amount: number };
  lineItems: { id: string; refundedQuantity: number }[];
  refunds: { id: string; status: string; amount: { amount: number }; failureReason: string | null }[];
}

/**
 * Staff refunds in orders (issue 15): amounts from line totals pro rata, never more than captured, refused
 * refunds write nothing, concurrent refunds are serialised by the order lock, and payments' answers move
 * the refund and the order's payment status.
 */
describe('orders: refunds', () => {
  let orders: TestSubgraph;
  let owner: DataSource;
  const events = upstreamEvents(() => orders);

  beforeAll(async () => {
    orders = await startTestSubgraph(ordersSubgraph);
    owner = await openOwnerConnection(orders.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await orders?.close();
  });

  /**
   * A paid, CONFIRMED order of two lines: 3 × 1000 with a 300 discount and 270 tax (total 2970) and
   * 2 × 500 (total 1000), plus 500 shipping: 4470 captured.
   */
  const paidOrder = async (storeId: string, customerId = randomUUID()) => {
    const [productA, productB] = [randomUUID(), randomUUID()];
    const snapshot = checkoutSnapshot(
      [
        { productId: productA, quantity: 3, unitPrice: 1000 },
        { productId: productB, quantity: 2, unitPrice: 500 },
      ],
      { ...shopperFields({ customerId }), shippingTotal: 500, discountTotal: 300, taxTotal: 270, total: 4470 },
    );
    snapshot.lines[0] = { ...snapshot.lines[0], discountTotal: 300, taxTotal: 270, total: 2970 };
    const placed = await events.checkout(storeId, snapshot);
    const orderId = placed.order!.id;
    await events.confirm(storeId, orderId);
    await eventually(async () => (await row(orderId)).status === 'CONFIRMED', 10_000, 'CONFIRMED');
    const lines: { id: string }[] = await owner.query(`SELECT id FROM order_line_item WHERE order_id = $1 ORDER BY position`, [orderId]);
    return { orderId, lineA: lines[0].id, lineB: lines[1].id, customerId };
  };
  const row = async (orderId: string): Promise<{ status: string; payment_status: string; refunded_amount: string }> =>
    (await owner.query(`SELECT status, payment_status, refunded_amount FROM customer_order WHERE id = $1`, [orderId]))[0];
  const refundRows = async (orderId: string) => Number((await owner.query(`SELECT count(*) AS n FROM order_refund WHERE order_id = $1`, [orderId]))[0].n);
  const requested = async (orderId: string): Promise<Record<string, unknown>[]> =>
    (
      await owner.query(
        `SELECT envelope->'data' AS data FROM outbox_event WHERE envelope->>'type' = 'orders.refund-requested' AND envelope->>'aggregateId' = $1 ORDER BY seq`,
        [orderId],
      )
    ).map((r: { data: Record<string, unknown> }) => r.data);
  const refund = async (token: string, input: Record<string, unknown>): Promise<RefundResult> =>
    (await orders.client(token).request<{ refundOrder: RefundResult }>(REFUND_ORDER, { input: { reason: 'Damaged in transit', ...input } })).refundOrder;
  const read = async (token: string, orderId: string) => (await orders.client(token).request<{ order: OrderRefunds }>(ORDER_REFUNDS, { id: orderId })).order;
  /** payments' answer for a refund, returning once orders handled it. */
  const answer = async (storeId: string, orderId: string, type: 'payments.refunded' | 'payments.refund-failed', refundId: string, amount: number) => {
    const data = { orderId, refundId, paymentId: randomUUID(), amount: { amount, currencyCode: 'USD' }, reason: null, message: 'The card issuer refused it' };
    const event: EventEnvelope = await events.publish(type, storeId, orderId, data, 0);
    await events.handled(storeId, event.id, `${type} handled`);
  };

  it('refunds a line by quantity pro rata, then the rest with shipping: PARTIALLY_REFUNDED, then REFUNDED', async () => {
    const storeId = randomUUID();
    const staff = tokenFor([Role.STORE_STAFF], storeId);
    const { orderId, lineA, lineB } = await paidOrder(storeId);

    const first = await refund(staff, { orderId, lines: [{ lineItemId: lineA, quantity: 1, restock: true }], idempotencyKey: 'r1' });
    expect(first.userErrors).toEqual([]);
    // one of three units of a 2970 line
    expect(first.refund).toMatchObject({ status: 'PENDING', amount: { amount: 990 }, shipping: { amount: 0 }, attempts: 1 });
    const [event] = await requested(orderId);
    expect(event).toMatchObject({ refundId: first.refund!.id, attempt: 1, amount: { amount: 990, currencyCode: 'USD' } });
    expect(event.lines).toEqual([
      expect.objectContaining({ lineItemId: lineA, quantity: 1, restock: true, locationId: null, amount: { amount: 990, currencyCode: 'USD' } }),
    ]);
    expect(event.actor).toEqual({ userId: expect.any(String) });

    // the same idempotency key answers the same refund
    expect((await refund(staff, { orderId, lines: [{ lineItemId: lineA, quantity: 1 }], idempotencyKey: 'r1' })).refund!.id).toBe(first.refund!.id);
    expect(await refundRows(orderId)).toBe(1);

    // pending refunds count: 4470 − 990 left
    expect((await read(staff, orderId)).refundableAmount.amount).toBe(3480);
    await answer(storeId, orderId, 'payments.refunded', first.refund!.id, 990);
    expect(await row(orderId)).toEqual({ status: 'CONFIRMED', payment_status: 'PARTIALLY_REFUNDED', refunded_amount: '990' });

    const rest = await refund(staff, {
      orderId,
      lines: [
        { lineItemId: lineA, quantity: 2 },
        { lineItemId: lineB, quantity: 2 },
      ],
      shipping: { fullRefund: true },
    });
    expect(rest.userErrors).toEqual([]);
    // the last two units take exactly the rest of their line: 2970 − 990, plus 1000 and 500 shipping
    expect(rest.refund!.amount.amount).toBe(1980 + 1000 + 500);
    await answer(storeId, orderId, 'payments.refunded', rest.refund!.id, 3480);
    // a repeated answer changes nothing
    await answer(storeId, orderId, 'payments.refunded', rest.refund!.id, 3480);
    expect(await row(orderId)).toEqual({ status: 'REFUNDED', payment_status: 'REFUNDED', refunded_amount: '4470' });
    const after = await read(staff, orderId);
    expect(after).toMatchObject({ status: 'REFUNDED', paymentStatus: 'REFUNDED', totalRefunded: { amount: 4470 }, refundableAmount: { amount: 0 } });
    expect(after.lineItems.map((line) => line.refundedQuantity)).toEqual([3, 2]);
    expect(after.refunds.map((r) => r.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
  });

  it('refuses more than is refundable, more units than bought, unknown lines and an empty refund, writing nothing', async () => {
    const storeId = randomUUID();
    const staff = tokenFor([Role.MERCHANT], storeId);
    const { orderId, lineA, lineB } = await paidOrder(storeId);
    const before = await requested(orderId);

    const tooMuch = await refund(staff, { orderId, amount: 4471 });
    expect(tooMuch.userErrors).toEqual([expect.objectContaining({ code: 'REFUND_EXCEEDS_REFUNDABLE', field: ['input', 'amount'] })]);
    const tooMany = await refund(staff, { orderId, lines: [{ lineItemId: lineB, quantity: 3 }] });
    expect(tooMany.userErrors).toEqual([expect.objectContaining({ code: 'REFUND_QUANTITY_EXCEEDED', field: ['input', 'lines', '0', 'quantity'] })]);
    // the same line twice counts both
    const twice = await refund(staff, {
      orderId,
      lines: [
        { lineItemId: lineA, quantity: 2 },
        { lineItemId: lineA, quantity: 2 },
      ],
    });
    expect(twice.userErrors).toEqual([expect.objectContaining({ code: 'REFUND_QUANTITY_EXCEEDED', field: ['input', 'lines', '1', 'quantity'] })]);
    const unknown = await refund(staff, { orderId, lines: [{ lineItemId: randomUUID(), quantity: 1 }] });
    expect(unknown.userErrors).toEqual([expect.objectContaining({ code: 'LINE_NOT_IN_ORDER', field: ['input', 'lines', '0', 'lineItemId'] })]);
    const shipping = await refund(staff, { orderId, shipping: { amount: 501 } });
    expect(shipping.userErrors).toEqual([expect.objectContaining({ code: 'REFUND_EXCEEDS_REFUNDABLE', field: ['input', 'shipping', 'amount'] })]);
    const empty = await refund(staff, { orderId });
    expect(empty.userErrors).toEqual([expect.objectContaining({ code: 'NOTHING_TO_REFUND' })]);
    const invalid = await orders.client(staff).rawRequest(REFUND_ORDER, { input: { orderId, reason: '', lines: [{ lineItemId: lineA, quantity: 0 }] } });
    expect(invalid.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    expect(await refundRows(orderId)).toBe(0);
    expect(await requested(orderId)).toEqual(before);
    expect(await row(orderId)).toEqual({ status: 'CONFIRMED', payment_status: 'PAID', refunded_amount: '0' });
  });

  it('serialises refunds at once on one order: together they never pass what was captured', async () => {
    const storeId = randomUUID();
    const staff = tokenFor([Role.MERCHANT], storeId);
    const { orderId } = await paidOrder(storeId);
    // eight refunds of 1000 race for 4470: exactly four get through
    const results = await Promise.all(Array.from({ length: 8 }, () => refund(staff, { orderId, amount: 1000 })));
    const made = results.filter((result) => result.refund);
    expect(made).toHaveLength(4);
    expect(results.filter((result) => result.userErrors[0]?.code === 'REFUND_EXCEEDS_REFUNDABLE')).toHaveLength(4);
    const [sum] = await owner.query(`SELECT sum(amount)::int AS total FROM order_refund WHERE order_id = $1`, [orderId]);
    expect(sum.total).toBe(4000);
    expect((await read(staff, orderId)).refundableAmount.amount).toBe(470);
  });

  it('marks a refund payments could not make FAILED, frees its amount, and lets staff retry it', async () => {
    const storeId = randomUUID();
    const staff = tokenFor([Role.MERCHANT], storeId);
    const { orderId } = await paidOrder(storeId);
    const made = (await refund(staff, { orderId, amount: 4470 })).refund!;
    expect((await orders.client(staff).request<{ retryRefund: RefundResult }>(RETRY_REFUND, { input: { refundId: made.id } })).retryRefund.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_TRANSITION' }),
    ]);

    await answer(storeId, orderId, 'payments.refund-failed', made.id, 4470);
    const failed = await read(staff, orderId);
    expect(failed.refunds).toEqual([expect.objectContaining({ id: made.id, status: 'FAILED', failureReason: 'The card issuer refused it' })]);
    expect(failed.refundableAmount.amount).toBe(4470);
    expect(failed.paymentStatus).toBe('PAID');

    const retried = (await orders.client(staff).request<{ retryRefund: RefundResult }>(RETRY_REFUND, { input: { refundId: made.id } })).retryRefund;
    expect(retried.refund).toMatchObject({ id: made.id, status: 'PENDING', attempts: 2 });
    expect((await requested(orderId)).map((data) => data.attempt)).toEqual([1, 2]);
    await answer(storeId, orderId, 'payments.refunded', made.id, 4470);
    expect(await row(orderId)).toMatchObject({ status: 'REFUNDED', payment_status: 'REFUNDED' });
  });

  it('cancels a paid order for staff with a full refund and restock in one step; its shopper may not', async () => {
    const storeId = randomUUID();
    const { orderId, customerId, lineA, lineB } = await paidOrder(storeId);
    const shopper = await orders
      .client(tokenFor([Role.CUSTOMER], storeId, customerId))
      .request<{ cancelOrder: { userErrors: { code: string }[] } }>(CANCEL_ORDER, {
        input: { orderId },
      });
    expect(shopper.cancelOrder.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    expect(await refundRows(orderId)).toBe(0);

    const staff = tokenFor([Role.MERCHANT], storeId);
    const cancelled = await orders.client(staff).request<{ cancelOrder: { order: { status: string } | null; userErrors: unknown[] } }>(CANCEL_ORDER, {
      input: { orderId, reason: 'Out of our hands' },
    });
    expect(cancelled.cancelOrder).toMatchObject({ order: { status: 'CANCELLED' }, userErrors: [] });
    const [event] = await requested(orderId);
    expect(event).toMatchObject({ amount: { amount: 4470 }, shipping: { amount: 500 } });
    expect(event.lines).toEqual([
      expect.objectContaining({ lineItemId: lineA, quantity: 3, restock: true }),
      expect.objectContaining({ lineItemId: lineB, quantity: 2, restock: true }),
    ]);
    const [refundId] = (await read(staff, orderId)).refunds.map((r) => r.id);
    await answer(storeId, orderId, 'payments.refunded', refundId, 4470);
    // a cancelled order stays CANCELLED; its payment says REFUNDED
    expect(await row(orderId)).toMatchObject({ status: 'CANCELLED', payment_status: 'REFUNDED' });
  });

  it('finds no order of another store, and lets only the store’s staff refund', async () => {
    const storeId = randomUUID();
    const { orderId, customerId } = await paidOrder(storeId);
    const otherStaff = tokenFor([Role.MERCHANT], randomUUID());
    expect((await refund(otherStaff, { orderId, amount: 100 })).userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    const made = (await refund(tokenFor([Role.MERCHANT], storeId), { orderId, amount: 100 })).refund!;
    await answer(storeId, orderId, 'payments.refund-failed', made.id, 100);
    const retry = (await orders.client(otherStaff).request<{ retryRefund: RefundResult }>(RETRY_REFUND, { input: { refundId: made.id } })).retryRefund;
    expect(retry.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);

    const shopper = await orders
      .client(tokenFor([Role.CUSTOMER], storeId, customerId))
      .rawRequest(REFUND_ORDER, { input: { orderId, amount: 100, reason: 'x' } });
    expect(shopper.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await orders.client(undefined).rawRequest(REFUND_ORDER, { input: { orderId, amount: 100, reason: 'x' } });
    expect(anonymous.errors?.[0].extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    expect(await refundRows(orderId)).toBe(1);
  });
});
