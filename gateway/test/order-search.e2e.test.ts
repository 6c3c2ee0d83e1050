import { randomUUID } from 'node:crypto';
import { GraphQLClient, gql } from 'graphql-request';
import { Role } from '@ultramarket/kit';
import type { Stack } from '../../scripts/lib/stack';
import { acquireStack, releaseStack } from '../../scripts/lib/stack-pool';
import { tokenFor } from '../../subgraphs/kit/test/support/subgraph-harness';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { Storefront } from './support/storefront';

const SEARCH = gql`
  query ($filter: OrderFilter, $sort: OrderSort, $first: Int, $last: Int, $before: String) {
    orders(filter: $filter, sort: $sort, first: $first, last: $last, before: $before) {
      totalCount
      nodes {
        id
        tags
      }
      pageInfo {
        startCursor
        hasPreviousPage
      }
    }
  }
`;
const SET_TAGS = gql`
  mutation ($input: SetOrderTagsInput!) {
    setOrderTags(input: $input) {
      order {
        tags
      }
      userErrors {
        code
        field
      }
    }
  }
`;
const CANCEL = gql`
  mutation ($input: CancelOrderInput!) {
    cancelOrder(input: $input) {
      userErrors {
        code
      }
    }
  }
`;
const CREATE_SHIPMENT = gql`
  mutation ($input: CreateShipmentInput!) {
    createShipment(input: $input) {
      userErrors {
        code
      }
    }
  }
`;
const AUDIT_TRAIL = gql`
  query ($id: ID!) {
    order(id: $id) {
      id
      auditTrail(first: 20) {
        totalCount
        nodes {
          action
          summary
          actor {
            kind
            userId
          }
        }
      }
    }
  }
`;

type Trail = { action: string; summary: string; actor: { kind: string; userId: string | null } }[];

/** Issue 15 items 7 and 9 through the gateway: staff search orders and read who did what to one. */
describe('order search and audit trail through the gateway', () => {
  let stack: Stack;
  let store: Storefront;
  const merchantId = randomUUID();
  const otherStoreId = randomUUID();

  beforeAll(async () => {
    stack = await acquireStack({ name: 'order_search' });
    const storeId = randomUUID();
    store = new Storefront(stack, { storeId, merchantToken: tokenFor([Role.MERCHANT], storeId, merchantId) });
  }, 120_000);
  afterAll(async () => {
    await releaseStack(stack);
  });

  const client = (token: string, storeId = store.storeId) =>
    new GraphQLClient(stack.gatewayUrl, { headers: { 'x-store-id': storeId, authorization: `Bearer ${token}` } });
  const rawErrors = (token: string, query: string, variables: Record<string, unknown>, storeId?: string) =>
    client(token, storeId)
      .rawRequest(query, variables)
      .then((result) => ({ data: result.data as Record<string, unknown>, codes: (result.errors ?? []).map((error) => error.extensions?.code) }))
      .catch((error: { response: { data: Record<string, unknown> | null; errors: { extensions: { code: string } }[] } }) => ({
        data: error.response.data,
        codes: error.response.errors.map((item) => item.extensions.code),
      }));

  it('finds orders by status, payment status, email and tags, pages back, and shows each order’s trail to its staff only', async () => {
    const productId = await store.product('Teapot', 10, 3000);
    const shopper = store.customer();
    const paid = await store.placeOrder(shopper.sdk, [{ productId, quantity: 1 }], randomUUID(), 'paid@example.com');
    const cancelled = await store.placeOrder(shopper.sdk, [{ productId, quantity: 2 }], randomUUID(), 'cancel@example.com');
    const open = await store.placeOrder(shopper.sdk, [{ productId, quantity: 3 }], randomUUID(), 'Open@Example.com');
    await eventually(
      async () => {
        const { processPayment } = await shopper.sdk.ProcessPayment({
          input: { orderId: paid.id, paymentMethod: { cardNumber: '4242424242424242' }, idempotencyKey: randomUUID() },
        });
        return processPayment.payment?.status === 'SUCCEEDED';
      },
      15_000,
      'the payment',
    );
    await store.orderUntil(paid.id, (current) => current.status === 'CONFIRMED', 'the order confirmed');

    const merchant = client(store.merchantToken);
    expect(
      (await merchant.request<{ cancelOrder: { userErrors: unknown[] } }>(CANCEL, { input: { orderId: cancelled.id, reason: 'Duplicate' } })).cancelOrder,
    ).toEqual({
      userErrors: [],
    });
    expect((await merchant.request<{ setOrderTags: unknown }>(SET_TAGS, { input: { orderId: paid.id, tags: [' VIP ', 'gift'] } })).setOrderTags).toEqual({
      order: { tags: ['gift', 'vip'] },
      userErrors: [],
    });
    expect(
      (
        await merchant.request<{ createShipment: { userErrors: unknown[] } }>(CREATE_SHIPMENT, {
          input: { orderId: paid.id, carrierName: 'DHL', trackingNumber: 'JD1' },
        })
      ).createShipment,
    ).toEqual({ userErrors: [] });

    const search = async (variables: Record<string, unknown>) =>
      (
        await merchant.request<{ orders: { totalCount: number; nodes: { id: string }[]; pageInfo: { startCursor: string; hasPreviousPage: boolean } } }>(
          SEARCH,
          variables,
        )
      ).orders;
    const ids = async (filter: Record<string, unknown>) => (await search({ filter, first: 10 })).nodes.map((node) => node.id);
    expect(await ids({ statuses: ['CANCELLED'] })).toEqual([cancelled.id]);
    expect(await ids({ paymentStatuses: ['PAID'] })).toEqual([paid.id]);
    expect(await ids({ email: 'open@example.com' })).toEqual([open.id]);
    expect(await ids({ tagsAny: ['vip'] })).toEqual([paid.id]);
    expect(await ids({ tagsAll: ['vip', 'other'] })).toEqual([]);
    const byNumber = await search({ sort: { field: 'NUMBER', direction: 'ASC' }, last: 2 });
    expect([byNumber.totalCount, byNumber.nodes.map((node) => node.id), byNumber.pageInfo.hasPreviousPage]).toEqual([3, [cancelled.id, open.id], true]);
    const before = await search({ sort: { field: 'NUMBER', direction: 'ASC' }, last: 2, before: byNumber.pageInfo.startCursor });
    expect(before.nodes.map((node) => node.id)).toEqual([paid.id]);
    expect((await rawErrors(store.merchantToken, SEARCH, { first: 101 })).codes).toEqual(['BAD_USER_INPUT']);
    // a shopper's search is their own orders only, and another store's staff find none of these
    expect((await client(shopper.token).request<{ orders: { totalCount: number } }>(SEARCH, { first: 10 })).orders.totalCount).toBe(3);
    const otherStaff = tokenFor([Role.MERCHANT], otherStoreId);
    expect(
      (await client(otherStaff, otherStoreId).request<{ orders: { totalCount: number } }>(SEARCH, { first: 10, filter: { tagsAny: ['vip'] } })).orders
        .totalCount,
    ).toBe(0);

    const trailOf = async (orderId: string) => {
      let trail: Trail = [];
      await eventually(
        async () => {
          trail = (await merchant.request<{ order: { auditTrail: { nodes: Trail } } }>(AUDIT_TRAIL, { id: orderId })).order.auditTrail.nodes;
          // the paid order's payment (payments.succeeded, by the provider: SYSTEM) and its shipment, each from an event
          const has = (action: string) => trail.some((entry) => entry.action === action);
          return (has('SHIPMENT_CREATED') && has('PAYMENT_RECEIVED')) || orderId !== paid.id;
        },
        20_000,
        'the shipment in the audit trail',
      );
      return trail.map((entry) => [entry.action, entry.actor.kind, entry.actor.userId]);
    };
    expect(await trailOf(paid.id)).toEqual([
      ['SHIPMENT_CREATED', 'STAFF', merchantId],
      ['TAGS_CHANGED', 'STAFF', merchantId],
      ['PAYMENT_RECEIVED', 'SYSTEM', null],
    ]);
    expect(await trailOf(cancelled.id)).toEqual([['ORDER_CANCELLED', 'STAFF', merchantId]]);

    expect((await rawErrors(shopper.token, AUDIT_TRAIL, { id: paid.id })).codes).toEqual(['FORBIDDEN']);
    const foreign = await rawErrors(otherStaff, AUDIT_TRAIL, { id: paid.id }, otherStoreId);
    expect([foreign.codes, foreign.data?.order ?? null]).toEqual([[], null]);
  });
});
