import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { gql } from 'graphql-request';
import { envelopeFor, inScope, Role, type Tx } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { ordersSubgraph } from '../src/orders.subgraph';
import { recordOrderAudit } from '../src/audit/record-order-audit';
import { OrderAuditAction, OrderAuditActorKind } from '../src/audit/order-audit-action';
import { CANCEL_ORDER, COMPLETE_ORDER, upstreamEvents } from './support/order-operations';

const AUDIT_TRAIL = gql`
  query ($id: ID!, $first: Int, $after: String) {
    order(id: $id) {
      id
      auditTrail(first: $first, after: $after) {
        totalCount
        nodes {
          action
          summary
          occurredAt
          actor {
            kind
            userId
          }
          details {
            name
            value
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;
const SET_TAGS = gql`
  mutation ($input: SetOrderTagsInput!) {
    setOrderTags(input: $input) {
      userErrors {
        code
      }
    }
  }
`;

interface Entry {
  action: string;
  summary: string;
  occurredAt: string;
  actor: { kind: string; userId: string | null };
  details: { name: string; value: string | null }[];
}
type Trail = { totalCount: number; nodes: Entry[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

/** Who did what to an order (issue 15 item 9): orders' own staff actions and other subgraphs' events, readable by staff only. */
describe('orders: the audit trail', () => {
  const storeA = randomUUID();
  const storeB = randomUUID();
  const staffUserId = randomUUID();
  const customerId = randomUUID();
  const staffA = tokenFor([Role.STORE_STAFF], storeA, staffUserId);
  const staffB = tokenFor([Role.MERCHANT], storeB);
  const shopper = tokenFor([Role.CUSTOMER], storeA, customerId);
  let orders: TestSubgraph;
  let owner: DataSource;
  const events = upstreamEvents(() => orders);
  let productId: string;

  const request = async (token: string, document: string, variables: Record<string, unknown>) => {
    const result = await orders
      .client(token)
      .rawRequest<Record<string, unknown>>(document, variables)
      .catch((error: { response: { data: Record<string, unknown> | null; errors: { message: string; extensions: { code: string } }[] } }) => error.response);
    return result;
  };
  const trailOf = async (orderId: string, token = staffA, first = 100): Promise<Trail> => {
    const result = await request(token, AUDIT_TRAIL, { id: orderId, first });
    expect(result.errors).toBeUndefined();
    return (result.data!.order as { auditTrail: Trail }).auditTrail;
  };
  const entriesOf = async (orderId: string) =>
    (await trailOf(orderId)).nodes.map((entry) => [entry.action, entry.actor.kind, entry.actor.userId, entry.summary]);
  const rowsOf = (orderId: string) => owner.query(`SELECT action, event_id FROM order_audit_entry WHERE order_id = $1 ORDER BY occurred_at, id`, [orderId]);
  const place = async () => (await events.place(storeA, productId, { customerId })).order!;
  /** An event of another subgraph, published with `msgId` as its JetStream message id (a fresh one: a redelivery JetStream will not drop). */
  const publishAs = async (event: ReturnType<typeof envelopeFor>, msgId = randomUUID()) => {
    const { js, names } = orders.runtime;
    await js.publish(names.subject(event.type), JSON.stringify(event), { msgID: msgId });
  };
  const shipmentEvent = (orderId: string, type: string, data: Record<string, unknown>) =>
    envelopeFor(
      {
        type,
        storeId: storeA,
        aggregateId: randomUUID(),
        aggregateVersion: 1,
        data: {
          shipmentId: randomUUID(),
          orderId,
          orderNumber: '#1',
          customerId,
          email: 'shopper@example.com',
          carrier: 'UPS',
          trackingNumber: '1Z42',
          trackingUrl: null,
          status: 'LABEL_CREATED',
          message: null,
          lines: [],
          orderFullyShipped: true,
          ...data,
        },
      },
      { correlationId: randomUUID(), causationId: null },
    );
  const handledBy = (eventId: string, consumers: number) =>
    eventually(
      async () =>
        (await inScope(orders.runtime.dataSource, storeA, (manager) => manager.query(`SELECT 1 FROM processed_event WHERE event_id = $1`, [eventId]))).length >=
        consumers,
      10_000,
      'the event handled',
    );

  beforeAll(async () => {
    orders = await startTestSubgraph(ordersSubgraph);
    owner = await openOwnerConnection(orders.runtime.config);
    productId = await events.product(storeA);
  });
  afterAll(async () => {
    await owner?.destroy();
    await orders?.close();
  });

  it('records a staff cancel, a shopper cancel and tag changes with who did them, in the same transaction', async () => {
    const byStaff = await place();
    const cancelled = (await request(staffA, CANCEL_ORDER, { input: { orderId: byStaff.id, reasonCode: 'CUSTOMER_CHANGED_MIND', reason: 'Asked by phone' } }))
      .data!.cancelOrder as { userErrors: unknown[] };
    expect(cancelled.userErrors).toEqual([]);
    expect((await request(staffA, SET_TAGS, { input: { orderId: byStaff.id, tags: ['Fraud check', 'vip'] } })).data!.setOrderTags).toEqual({ userErrors: [] });
    expect((await request(staffA, SET_TAGS, { input: { orderId: byStaff.id, tags: ['vip'] } })).data!.setOrderTags).toEqual({ userErrors: [] });
    // the same tags again change nothing, and so record nothing
    expect((await request(staffA, SET_TAGS, { input: { orderId: byStaff.id, tags: ['VIP'] } })).data!.setOrderTags).toEqual({ userErrors: [] });
    expect(await entriesOf(byStaff.id)).toEqual([
      ['TAGS_CHANGED', 'STAFF', staffUserId, 'Untagged fraud check'],
      ['TAGS_CHANGED', 'STAFF', staffUserId, 'Tagged fraud check, vip'],
      ['ORDER_CANCELLED', 'STAFF', staffUserId, 'Cancelled (CUSTOMER_CHANGED_MIND): Asked by phone'],
    ]);
    const [cancelEntry] = (await trailOf(byStaff.id)).nodes.slice(-1);
    expect(cancelEntry.details).toEqual([
      { name: 'reason', value: 'Asked by phone' },
      { name: 'reasonCode', value: 'CUSTOMER_CHANGED_MIND' },
    ]);

    const byShopper = await place();
    expect(((await request(shopper, CANCEL_ORDER, { input: { orderId: byShopper.id } })).data!.cancelOrder as { userErrors: unknown[] }).userErrors).toEqual(
      [],
    );
    expect(await entriesOf(byShopper.id)).toEqual([['ORDER_CANCELLED', 'CUSTOMER', customerId, 'Cancelled (OTHER)']]);

    // a refused change writes no entry
    const refused = (await request(staffA, CANCEL_ORDER, { input: { orderId: byShopper.id } })).data!.cancelOrder as { userErrors: { code: string }[] };
    expect(refused.userErrors.map((error) => error.code)).toEqual(['INVALID_TRANSITION']);
    expect(await rowsOf(byShopper.id)).toHaveLength(1);
  });

  it('records shipments and tracking from shipping’s events with their actor, once per event however often it is delivered', async () => {
    const order = await place();
    await events.confirm(storeA, order.id);
    await eventually(
      async () => (await owner.query(`SELECT status FROM customer_order WHERE id = $1`, [order.id]))[0].status === 'CONFIRMED',
      10_000,
      'CONFIRMED',
    );

    // the whole order in one shipment: orders records what it ships by variant
    const lines: { variant_id: string; quantity: number }[] = await owner.query(`SELECT variant_id, quantity FROM order_line_item WHERE order_id = $1`, [
      order.id,
    ]);
    const created = shipmentEvent(order.id, 'shipping.shipment-created', {
      actor: { userId: staffUserId },
      lines: lines.map((line) => ({ variantId: line.variant_id, quantity: line.quantity })),
    });
    await publishAs(created);
    // the same event again under another message id: JetStream delivers it, the trail keeps one entry
    await publishAs(created);
    // orders-shipment-created and orders-audit-shipping-shipment-created both handle it
    await handledBy(created.id, 2);
    const tracked = shipmentEvent(order.id, 'shipping.tracking-updated', { status: 'IN_TRANSIT', message: 'Left the depot', actor: null });
    await publishAs(tracked);
    await handledBy(tracked.id, 1);
    await publishAs(tracked);
    await eventually(
      async () => (await owner.query(`SELECT status FROM customer_order WHERE id = $1`, [order.id]))[0].status === 'FULFILLED',
      10_000,
      'FULFILLED',
    );

    const completed = (await request(staffA, COMPLETE_ORDER, { input: { orderId: order.id } })).data!.completeOrder as { userErrors: unknown[] };
    expect(completed.userErrors).toEqual([]);
    expect(await entriesOf(order.id)).toEqual([
      ['ORDER_COMPLETED', 'STAFF', staffUserId, 'Marked delivered'],
      ['TRACKING_UPDATED', 'SYSTEM', null, 'Shipment 1Z42 is now IN_TRANSIT'],
      ['SHIPMENT_CREATED', 'STAFF', staffUserId, 'Shipment created with UPS (1Z42)'],
      // the test's payments.succeeded (events.confirm) carries no amount or provider: only that it was paid
      ['PAYMENT_RECEIVED', 'SYSTEM', null, expect.stringMatching(/^Paid /)],
    ]);
    const rows: { action: string; event_id: string | null }[] = await rowsOf(order.id);
    expect(rows.map((row) => [row.action, row.event_id])).toEqual([
      ['PAYMENT_RECEIVED', expect.any(String)],
      ['SHIPMENT_CREATED', created.id],
      ['TRACKING_UPDATED', tracked.id],
      ['ORDER_COMPLETED', null],
    ]);
    // recording an event already recorded (a redelivery that got past the consumer's processed-event check) writes nothing
    const again = await inScope(orders.runtime.dataSource, storeA, (manager) =>
      recordOrderAudit({ manager } as unknown as Tx, {
        orderId: order.id,
        storeId: storeA,
        actor: { kind: OrderAuditActorKind.STAFF, userId: staffUserId },
        action: OrderAuditAction.SHIPMENT_CREATED,
        summary: 'again',
        eventId: created.id,
      }),
    );
    expect(again).toBe(false);
    expect(await rowsOf(order.id)).toHaveLength(4);
    const shipped = (await trailOf(order.id)).nodes[2];
    expect(shipped.occurredAt).toBe(created.occurredAt);
    expect(shipped.details).toEqual([
      { name: 'carrier', value: 'UPS' },
      { name: 'shipmentId', value: (created.data as { shipmentId: string }).shipmentId },
      { name: 'status', value: 'LABEL_CREATED' },
      { name: 'trackingNumber', value: '1Z42' },
    ]);

    // newest first, paged
    const firstPage = await trailOf(order.id, staffA, 2);
    expect([firstPage.totalCount, firstPage.nodes.map((entry) => entry.action), firstPage.pageInfo.hasNextPage]).toEqual([
      4,
      ['ORDER_COMPLETED', 'TRACKING_UPDATED'],
      true,
    ]);
    const next = await request(staffA, AUDIT_TRAIL, { id: order.id, first: 2, after: firstPage.pageInfo.endCursor });
    expect((next.data!.order as { auditTrail: Trail }).auditTrail.nodes.map((entry) => entry.action)).toEqual(['SHIPMENT_CREATED', 'PAYMENT_RECEIVED']);
  });

  it('records payments’ money movements: a staff mark as paid, a capture, a refund that failed', async () => {
    const order = await place();
    const paymentEvent = (type: string, data: Record<string, unknown>) =>
      envelopeFor(
        { type, storeId: storeA, aggregateId: order.id, aggregateVersion: 1, data: { paymentId: randomUUID(), orderId: order.id, ...data } },
        { correlationId: randomUUID(), causationId: null },
      );
    const usd = (amount: number) => ({ amount, currencyCode: 'USD' });
    const marked = paymentEvent('payments.succeeded', {
      amount: usd(4000),
      provider: 'manual',
      providerReference: 'BANK-REF-7',
      actor: { userId: staffUserId },
    });
    const captured = paymentEvent('payments.captured', { amount: usd(1500), capturedTotal: usd(1500), authorized: usd(4000), final: false, actor: null });
    const failed = paymentEvent('payments.refund-failed', {
      refundId: randomUUID(),
      amount: usd(250),
      errorCode: 'refund_failed',
      message: 'the card issuer refused it',
      attempts: 5,
      actor: { userId: staffUserId },
    });
    for (const event of [marked, captured, failed]) await publishAs(event);
    await eventually(async () => (await rowsOf(order.id)).length === 3, 10_000, 'three audit entries');
    // published within a millisecond or two: their order in the trail is their events' times, so compare as a set
    expect(new Set((await entriesOf(order.id)).map((entry) => JSON.stringify(entry)))).toEqual(
      new Set(
        [
          ['REFUND_FAILED', 'STAFF', staffUserId, 'Refund of 2.50 USD failed after 5 attempts: the card issuer refused it'],
          ['PAYMENT_CAPTURED', 'SYSTEM', null, 'Captured 15.00 USD (15.00 USD of 40.00 USD)'],
          ['PAYMENT_RECEIVED', 'STAFF', staffUserId, 'Marked as paid (40.00 USD, reference BANK-REF-7)'],
        ].map((entry) => JSON.stringify(entry)),
      ),
    );
  });

  it('is read by the store’s staff only: the shopper gets FORBIDDEN, another store’s staff no order at all', async () => {
    const order = await place();
    await request(staffA, SET_TAGS, { input: { orderId: order.id, tags: ['vip'] } });
    expect((await trailOf(order.id)).totalCount).toBe(1);

    const asShopper = await request(shopper, AUDIT_TRAIL, { id: order.id });
    expect(asShopper.errors?.map((error) => error.extensions.code)).toEqual(['FORBIDDEN']);
    expect((asShopper.data?.order as { auditTrail: unknown } | null)?.auditTrail ?? null).toBeNull();

    const asOtherStore = await request(staffB, AUDIT_TRAIL, { id: order.id });
    expect(asOtherStore.errors).toBeUndefined();
    expect(asOtherStore.data!.order).toBeNull();
    expect(await request(staffA, AUDIT_TRAIL, { id: order.id, first: 101 }).then((result) => result.errors?.map((error) => error.extensions.code))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });
});
