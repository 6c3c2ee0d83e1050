import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { gql } from 'graphql-request';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { ordersSubgraph } from '../src/orders.subgraph';
import { checkoutSnapshot, shopperFields, upstreamEvents } from './support/order-operations';

const RETURN_FIELDS = `id orderId status customerNote rejectReason requestedBy approvedBy approvedAt receivedBy receivedAt refundedAt closedAt
  lines { id lineItemId quantity reason note restock locationId } refund { id status amount { amount } lines { lineItemId quantity restock locationId } }`;
const PAYLOAD = `return { ${RETURN_FIELDS} } userErrors { code field message }`;
const MUTATIONS = {
  requestReturn: gql`mutation ($input: RequestReturnInput!) { requestReturn(input: $input) { ${PAYLOAD} } }`,
  approveReturn: gql`mutation ($input: ApproveReturnInput!) { approveReturn(input: $input) { ${PAYLOAD} } }`,
  rejectReturn: gql`mutation ($input: RejectReturnInput!) { rejectReturn(input: $input) { ${PAYLOAD} } }`,
  markReturnReceived: gql`mutation ($input: MarkReturnReceivedInput!) { markReturnReceived(input: $input) { ${PAYLOAD} } }`,
  refundReturn: gql`mutation ($input: RefundReturnInput!) { refundReturn(input: $input) { ${PAYLOAD} refund { id status amount { amount } } } }`,
  closeReturn: gql`mutation ($input: CloseReturnInput!) { closeReturn(input: $input) { ${PAYLOAD} } }`,
};
const RETURN = gql`query ($id: ID!) { return(id: $id) { ${RETURN_FIELDS} } }`;
const ORDER_RETURNS = gql`
  query ($id: ID!) {
    order(id: $id) {
      returns {
        id
        status
      }
    }
  }
`;
const RETURNS = gql`
  query ($first: Int, $after: String, $filter: ReturnFilter) {
    returns(first: $first, after: $after, filter: $filter) {
      totalCount
      nodes {
        id
        status
        orderId
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

interface ReturnResult {
  id: string;
  orderId: string;
  status: string;
  rejectReason: string | null;
  requestedBy: string | null;
  approvedBy: string | null;
  receivedBy: string | null;
  refundedAt: string | null;
  lines: { id: string; lineItemId: string; quantity: number; reason: string; restock: boolean | null; locationId: string | null }[];
  refund: {
    id: string;
    status: string;
    amount: { amount: number };
    lines: { lineItemId: string; quantity: number; restock: boolean; locationId: string | null }[];
  } | null;
}
interface Payload {
  return: ReturnResult | null;
  refund?: { id: string; status: string; amount: { amount: number } } | null;
  userErrors: { code: string; field: string[] | null; message: string }[];
}
type Step = keyof typeof MUTATIONS;

/**
 * Returns in orders (issue 15 item 2): delivered units only, within the store's window, never more than delivered
 * less refunded and already returning; the staff's steps in the table's order on the locked order; the refund through
 * createRefund; REFUNDED when payments says so. Every refusal writes nothing.
 */
describe('orders: returns', () => {
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

  const run = async (token: string, step: Step, input: Record<string, unknown>) => {
    const result = await orders.client(token).rawRequest<Record<string, Payload>>(MUTATIONS[step], { input });
    return { errors: result.errors, payload: result.data ? result.data[step] : null };
  };
  const act = async (token: string, step: Step, input: Record<string, unknown>): Promise<Payload> => {
    const { errors, payload } = await run(token, step, input);
    expect(errors).toBeUndefined();
    return payload!;
  };
  /** Everything a return step may write: what a refused step must leave as it was. */
  const written = async (orderId: string) => ({
    order: await owner.query(`SELECT * FROM customer_order WHERE id = $1`, [orderId]),
    returns: await owner.query(`SELECT * FROM order_return WHERE order_id = $1 ORDER BY created_at, id`, [orderId]),
    lines: await owner.query(`SELECT l.* FROM order_return_line l JOIN order_return r ON r.id = l.return_id WHERE r.order_id = $1 ORDER BY l.id`, [orderId]),
    refunds: await owner.query(`SELECT * FROM order_refund WHERE order_id = $1 ORDER BY created_at`, [orderId]),
    audit: await owner.query(`SELECT id FROM order_audit_entry WHERE order_id = $1 ORDER BY id`, [orderId]),
    outbox: await owner.query(`SELECT seq FROM outbox_event WHERE envelope->'data'->>'orderId' = $1 ORDER BY seq`, [orderId]),
  });
  const returnEvents = async (orderId: string): Promise<Record<string, unknown>[]> =>
    (
      await owner.query(
        `SELECT envelope FROM outbox_event WHERE envelope->>'type' = 'orders.return-updated' AND envelope->'data'->>'orderId' = $1 ORDER BY seq`,
        [orderId],
      )
    ).map((row: { envelope: { data: Record<string, unknown> } }) => row.envelope.data);

  /** A paid order of 3 × A at 10.00 and 2 × B at 5.00 (total 40.00) for `customerId`, every unit shipped; delivered unless told. */
  const shippedOrder = async (storeId: string, customerId: string, delivered = true) => {
    const [productA, productB] = [randomUUID(), randomUUID()];
    const snapshot = checkoutSnapshot(
      [
        { productId: productA, quantity: 3, unitPrice: 1000 },
        { productId: productB, quantity: 2, unitPrice: 500 },
      ],
      shopperFields({ customerId }),
    );
    const orderId = (await events.checkout(storeId, snapshot)).order!.id;
    await events.confirm(storeId, orderId);
    await eventually(
      async () => (await owner.query(`SELECT status FROM customer_order WHERE id = $1`, [orderId]))[0].status === 'CONFIRMED',
      10_000,
      'CONFIRMED',
    );
    const shipment = await events.ship(storeId, orderId);
    if (delivered) await events.deliver(storeId, orderId, shipment.shipmentId);
    const lines: { id: string }[] = await owner.query(`SELECT id FROM order_line_item WHERE order_id = $1 ORDER BY position`, [orderId]);
    return { orderId, lineA: lines[0].id, lineB: lines[1].id, shipmentId: shipment.shipmentId };
  };

  it('goes from request to refund: approved, received with a restock location, refunded through createRefund, REFUNDED when payments answers, each step audited', async () => {
    const storeId = randomUUID();
    const customerId = randomUUID();
    const staffId = randomUUID();
    const shopper = tokenFor([Role.CUSTOMER], storeId, customerId);
    const staff = tokenFor([Role.STORE_STAFF], storeId, staffId);
    const locationId = randomUUID();
    const { orderId, lineA } = await shippedOrder(storeId, customerId);

    const requested = await act(shopper, 'requestReturn', {
      orderId,
      lines: [{ lineItemId: lineA, quantity: 2, reason: 'DEFECTIVE', note: 'Cracked lid' }],
      customerNote: 'Please take them back',
    });
    expect(requested.userErrors).toEqual([]);
    expect(requested.return).toMatchObject({
      orderId,
      status: 'REQUESTED',
      requestedBy: customerId,
      lines: [{ lineItemId: lineA, quantity: 2, reason: 'DEFECTIVE', restock: null }],
    });
    const returnId = requested.return!.id;

    expect((await act(staff, 'approveReturn', { returnId })).return).toMatchObject({ status: 'APPROVED', approvedBy: staffId });
    const returnLineId = requested.return!.lines[0].id;
    const received = await act(staff, 'markReturnReceived', { returnId, lines: [{ returnLineId, restock: true, locationId }] });
    expect(received.return).toMatchObject({ status: 'RECEIVED', receivedBy: staffId, lines: [{ id: returnLineId, restock: true, locationId }] });

    const refunded = await act(staff, 'refundReturn', { returnId, idempotencyKey: 'return-1' });
    expect(refunded.userErrors).toEqual([]);
    // two of three units of a 30.00 line
    expect(refunded.refund).toMatchObject({ status: 'PENDING', amount: { amount: 2000 } });
    expect(refunded.return).toMatchObject({
      status: 'RECEIVED',
      refund: { id: refunded.refund!.id, status: 'PENDING', lines: [{ lineItemId: lineA, quantity: 2, restock: true, locationId }] },
    });
    // the same key answers the same refund, writing nothing
    const before = await written(orderId);
    expect((await act(staff, 'refundReturn', { returnId, idempotencyKey: 'return-1' })).refund?.id).toBe(refunded.refund!.id);
    expect(await written(orderId)).toEqual(before);
    // inventory restocks from the refund's request
    const [requestedRefund] = (
      await owner.query(`SELECT envelope FROM outbox_event WHERE envelope->>'type' = 'orders.refund-requested' AND envelope->>'aggregateId' = $1`, [orderId])
    ).map((row: { envelope: { data: { lines: unknown[] } } }) => row.envelope.data);
    expect(requestedRefund.lines).toEqual([expect.objectContaining({ lineItemId: lineA, quantity: 2, restock: true, locationId })]);

    const answer = await events.publish('payments.refunded', storeId, orderId, {
      orderId,
      refundId: refunded.refund!.id,
      paymentId: randomUUID(),
      amount: { amount: 2000, currencyCode: 'USD' },
      reason: null,
    });
    await events.handled(storeId, answer.id, 'payments.refunded handled');
    const done = (await orders.client(shopper).request<{ return: ReturnResult }>(RETURN, { id: returnId })).return;
    expect(done).toMatchObject({ status: 'REFUNDED', refundedAt: expect.any(String), refund: { status: 'SUCCEEDED' } });

    expect((await returnEvents(orderId)).map((event) => [event.previousStatus, event.status])).toEqual([
      [null, 'REQUESTED'],
      ['REQUESTED', 'APPROVED'],
      ['APPROVED', 'RECEIVED'],
      ['RECEIVED', 'RECEIVED'],
      ['RECEIVED', 'REFUNDED'],
    ]);
    expect((await returnEvents(orderId))[0]).toMatchObject({
      returnId,
      customerId,
      actor: { userId: customerId },
      lines: [{ lineItemId: lineA, quantity: 2, reason: 'DEFECTIVE' }],
    });
    const audit = await owner.query(
      `SELECT action, actor_kind, actor_user_id FROM order_audit_entry WHERE order_id = $1 AND action LIKE 'RETURN_%' ORDER BY occurred_at, id`,
      [orderId],
    );
    expect(audit).toEqual([
      { action: 'RETURN_REQUESTED', actor_kind: 'CUSTOMER', actor_user_id: customerId },
      { action: 'RETURN_APPROVED', actor_kind: 'STAFF', actor_user_id: staffId },
      { action: 'RETURN_RECEIVED', actor_kind: 'STAFF', actor_user_id: staffId },
      { action: 'RETURN_REFUND_REQUESTED', actor_kind: 'STAFF', actor_user_id: staffId },
      { action: 'RETURN_REFUNDED', actor_kind: 'SYSTEM', actor_user_id: null },
    ]);
    expect(
      (await orders.client(shopper).request<{ order: { returns: { id: string; status: string }[] } }>(ORDER_RETURNS, { id: orderId })).order.returns,
    ).toEqual([{ id: returnId, status: 'REFUNDED' }]);
  });

  it('refuses lines not in the order, not delivered, beyond what is left or outside the window, and other shoppers: each writes nothing', async () => {
    const storeId = randomUUID();
    const customerId = randomUUID();
    const shopper = tokenFor([Role.CUSTOMER], storeId, customerId);
    const staff = tokenFor([Role.MERCHANT], storeId);
    const { orderId, lineA, lineB, shipmentId } = await shippedOrder(storeId, customerId, false);

    const refused = async (token: string, lines: Record<string, unknown>[], code: string, field?: string[]) => {
      const before = await written(orderId);
      const { payload } = await run(token, 'requestReturn', { orderId, lines });
      expect(payload).toEqual({ return: null, userErrors: [expect.objectContaining(field ? { code, field } : { code })] });
      expect(await written(orderId)).toEqual(before);
    };
    // shipped, not delivered yet
    await refused(shopper, [{ lineItemId: lineA, quantity: 1, reason: 'DEFECTIVE' }], 'LINE_NOT_DELIVERED', ['input', 'lines', '0', 'lineItemId']);
    await events.deliver(storeId, orderId, shipmentId);
    await refused(shopper, [{ lineItemId: randomUUID(), quantity: 1, reason: 'OTHER' }], 'LINE_NOT_IN_ORDER', ['input', 'lines', '0', 'lineItemId']);
    await refused(shopper, [{ lineItemId: lineB, quantity: 3, reason: 'OTHER' }], 'RETURN_QUANTITY_EXCEEDED', ['input', 'lines', '0', 'quantity']);
    // two lines naming the same order line count together
    await refused(
      shopper,
      [
        { lineItemId: lineB, quantity: 1, reason: 'OTHER' },
        { lineItemId: lineB, quantity: 2, reason: 'OTHER' },
      ],
      'RETURN_QUANTITY_EXCEEDED',
      ['input', 'lines', '1', 'quantity'],
    );
    // another shopper, and another store's staff, do not see the order
    await refused(tokenFor([Role.CUSTOMER], storeId, randomUUID()), [{ lineItemId: lineA, quantity: 1, reason: 'OTHER' }], 'NOT_FOUND');
    await refused(tokenFor([Role.MERCHANT], randomUUID()), [{ lineItemId: lineA, quantity: 1, reason: 'OTHER' }], 'NOT_FOUND');

    // units in an open return are taken: 2 of B requested by the staff leave none for the shopper
    expect((await act(staff, 'requestReturn', { orderId, lines: [{ lineItemId: lineB, quantity: 2, reason: 'WRONG_ITEM' }] })).userErrors).toEqual([]);
    await refused(shopper, [{ lineItemId: lineB, quantity: 1, reason: 'OTHER' }], 'RETURN_QUANTITY_EXCEEDED');

    // the window counts from delivery: 31 days ago is past the default 30
    await owner.query(`UPDATE order_fulfilment SET delivered_at = now() - interval '31 days' WHERE shipment_id = $1`, [shipmentId]);
    await refused(shopper, [{ lineItemId: lineA, quantity: 1, reason: 'OTHER' }], 'RETURN_WINDOW_CLOSED', ['input', 'lines', '0', 'lineItemId']);
    // the store's own window, as the stores subgraph publishes it: 60 days takes it, 0 turns returns off
    const setWindow = async (returnWindowDays: number, version: number) => {
      const event = await events.publish('stores.updated', storeId, storeId, { storeId, settings: { returnWindowDays }, changed: ['settings'] }, version);
      await events.handled(storeId, event.id, 'stores.updated handled');
    };
    await setWindow(60, 2);
    expect((await act(shopper, 'requestReturn', { orderId, lines: [{ lineItemId: lineA, quantity: 1, reason: 'NO_LONGER_NEEDED' }] })).return?.status).toBe(
      'REQUESTED',
    );
    await setWindow(0, 3);
    await refused(shopper, [{ lineItemId: lineA, quantity: 1, reason: 'OTHER' }], 'RETURNS_DISABLED');
  });

  it('answers every step out of order with INVALID_TRANSITION and writes nothing; shoppers and other stores take no staff step', async () => {
    const storeId = randomUUID();
    const customerId = randomUUID();
    const shopper = tokenFor([Role.CUSTOMER], storeId, customerId);
    const staff = tokenFor([Role.STORE_STAFF], storeId);
    const { orderId, lineA, lineB } = await shippedOrder(storeId, customerId);
    const open = async (lineItemId: string) =>
      (await act(shopper, 'requestReturn', { orderId, lines: [{ lineItemId, quantity: 1, reason: 'OTHER' }] })).return!.id;

    const invalid = async (step: Step, input: Record<string, unknown>) => {
      const before = await written(orderId);
      const { payload } = await run(staff, step, input);
      expect(payload).toMatchObject({ return: null, userErrors: [expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'returnId'] })] });
      expect(await written(orderId)).toEqual(before);
    };
    const requested = await open(lineA);
    await invalid('markReturnReceived', { returnId: requested });
    await invalid('refundReturn', { returnId: requested });
    await invalid('closeReturn', { returnId: requested });

    // staff steps are staff's: a shopper is FORBIDDEN, another store's staff do not find it; nothing written
    const before = await written(orderId);
    expect((await run(shopper, 'approveReturn', { returnId: requested })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await run(tokenFor([Role.MERCHANT], randomUUID()), 'approveReturn', { returnId: requested })).payload?.userErrors).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND' }),
    ]);
    expect(
      (await run(tokenFor([Role.MERCHANT], randomUUID()), 'requestReturn', { orderId, lines: [{ lineItemId: lineA, quantity: 1, reason: 'OTHER' }] })).payload
        ?.userErrors,
    ).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    expect(await written(orderId)).toEqual(before);

    expect((await act(staff, 'rejectReturn', { returnId: requested, reason: 'Worn' })).return).toMatchObject({ status: 'REJECTED', rejectReason: 'Worn' });
    await invalid('approveReturn', { returnId: requested });
    await invalid('rejectReturn', { returnId: requested, reason: 'Again' });
    await invalid('closeReturn', { returnId: requested });
    // a rejected return gives its units back: the same unit may be asked for again
    const again = await open(lineA);
    await act(staff, 'approveReturn', { returnId: again });
    await invalid('approveReturn', { returnId: again });
    await invalid('refundReturn', { returnId: again });
    // a restock choice for a line of another return is refused too
    const before2 = await written(orderId);
    expect((await run(staff, 'markReturnReceived', { returnId: again, lines: [{ returnLineId: randomUUID(), restock: true }] })).payload?.userErrors).toEqual([
      expect.objectContaining({ code: 'RETURN_LINE_NOT_FOUND', field: ['input', 'lines', '0', 'returnLineId'] }),
    ]);
    expect(await written(orderId)).toEqual(before2);
    expect((await act(staff, 'closeReturn', { returnId: again })).return?.status).toBe('CLOSED');
    await invalid('markReturnReceived', { returnId: again });

    // the staff list: by status, paged
    const third = await open(lineB);
    const list = async (variables: Record<string, unknown>) =>
      (
        await orders
          .client(staff)
          .request<{ returns: { totalCount: number; nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(RETURNS, variables)
      ).returns;
    expect((await list({ first: 10, filter: { statuses: ['REQUESTED'] } })).nodes.map((node) => node.id)).toEqual([third]);
    const page = await list({ first: 2 });
    expect(page).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const rest = await list({ first: 2, after: page.pageInfo.endCursor });
    expect([...page.nodes, ...rest.nodes].map((node) => node.id)).toEqual([third, again, requested]);
    // another store's staff list none of them, and read none
    expect(
      (await orders.client(tokenFor([Role.MERCHANT], randomUUID())).request<{ returns: { totalCount: number } }>(RETURNS, { first: 10 })).returns.totalCount,
    ).toBe(0);
    expect((await orders.client(tokenFor([Role.MERCHANT], randomUUID())).request<{ return: unknown }>(RETURN, { id: third })).return).toBeNull();
    expect((await orders.client(tokenFor([Role.CUSTOMER], storeId, randomUUID())).request<{ return: unknown }>(RETURN, { id: third })).return).toBeNull();
  });

  it('serialises two approvals, and two refunds, of one return at once: one effect each', async () => {
    const storeId = randomUUID();
    const customerId = randomUUID();
    const staff = tokenFor([Role.STORE_STAFF], storeId);
    const { orderId, lineA } = await shippedOrder(storeId, customerId);
    const returnId = (
      await act(tokenFor([Role.CUSTOMER], storeId, customerId), 'requestReturn', { orderId, lines: [{ lineItemId: lineA, quantity: 3, reason: 'DEFECTIVE' }] })
    ).return!.id;

    const approvals = await Promise.all([act(staff, 'approveReturn', { returnId }), act(staff, 'approveReturn', { returnId })]);
    expect(approvals.map((payload) => payload.return?.status ?? payload.userErrors[0].code).sort()).toEqual(['APPROVED', 'INVALID_TRANSITION']);
    await act(staff, 'markReturnReceived', { returnId });
    const refunds = await Promise.all([
      act(staff, 'refundReturn', { returnId, idempotencyKey: 'a' }),
      act(staff, 'refundReturn', { returnId, idempotencyKey: 'b' }),
    ]);
    expect(refunds.filter((payload) => payload.refund).length).toBe(1);
    expect(refunds.find((payload) => !payload.refund)?.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    expect(await owner.query(`SELECT amount FROM order_refund WHERE order_id = $1`, [orderId])).toEqual([{ amount: '3000' }]);
    expect((await returnEvents(orderId)).map((event) => event.status)).toEqual(['REQUESTED', 'APPROVED', 'RECEIVED', 'RECEIVED']);
  });
});
