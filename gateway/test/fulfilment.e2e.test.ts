import { randomUUID } from 'node:crypto';
import { GraphQLClient, gql } from 'graphql-request';
import { Role } from '@ultramarket/kit';
import { acquireStack, BASE_ENV, releaseStack, type PooledStack } from '../../scripts/lib/stack-pool';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { tokenFor } from '../../subgraphs/kit/test/support/subgraph-harness';
import { signCarrierReport } from '../../subgraphs/shipping/src/carrier-webhook/carrier-signature';
import { subscribe } from './support/live';
import { Storefront } from './support/storefront';

const USER_ERRORS = `userErrors { code field }`;
const CREATE_SHIPMENT = gql`mutation ($input: CreateShipmentInput!) { createShipment(input: $input) { shipment { id status } ${USER_ERRORS} } }`;
const MARK_DELIVERED = gql`mutation ($input: MarkShipmentDeliveredInput!) { markShipmentDelivered(input: $input) { shipment { id status } ${USER_ERRORS} } }`;
const CANCEL_REMAINDER = gql`mutation ($input: CancelOrderRemainderInput!) { cancelOrderRemainder(input: $input) { order { id status fulfillmentStatus } ${USER_ERRORS} } }`;
const SHIPMENT = gql`
  query ($id: ID!) {
    shipment(id: $id) {
      id
      status
    }
  }
`;
const ORDER = gql`
  query ($id: ID!) {
    order(id: $id) {
      status
      fulfillmentStatus
      lineItems {
        quantity
        fulfilledQuantity
        cancelledQuantity
      }
      shipments {
        id
        status
      }
    }
  }
`;
const FOLLOW = `subscription ($orderId: ID!) { orderStatusChanged(orderId: $orderId) { status fulfillmentStatus } }`;

/** The secret every stack from acquireStack checks carrier reports with. */
const WEBHOOK_SECRET = BASE_ENV.SHIPPING_CARRIER_WEBHOOK_SECRET;
type Payload = { userErrors: { code: string; field: string[] | null }[] } & Record<string, unknown>;

/** Issue 15 item 3: partial fulfilment, delivery by staff and by a signed carrier webhook, and cancelling an unshipped remainder. */
describe('fulfilment through the gateway', () => {
  let stack: PooledStack;
  let store: Storefront;

  beforeAll(async () => {
    stack = await acquireStack({ name: 'fulfilment' });
    store = new Storefront(stack);
  }, 120_000);
  afterAll(async () => {
    await releaseStack(stack);
  });

  const client = (token: string, storeId = store.storeId) =>
    new GraphQLClient(stack.gatewayUrl, { headers: { 'x-store-id': storeId, authorization: `Bearer ${token}` }, errorPolicy: 'all' });
  const call = async (token: string, document: string, input: Record<string, unknown>, storeId?: string) => {
    const result = await client(token, storeId).rawRequest<Record<string, Payload>>(document, { input });
    return { errors: result.errors, payload: result.data ? Object.values(result.data)[0] : null };
  };
  const merchant = () => store.merchantToken;
  const orderOf = async (orderId: string) => (await client(merchant()).request<{ order: Record<string, unknown> }>(ORDER, { id: orderId })).order;
  /** A paid, confirmed order of `quantity` units of `productId` by `shopper`. */
  const paidOrder = async (shopper: ReturnType<Storefront['customer']>, productId: string, quantity: number) => {
    const order = await store.placeOrder(shopper.sdk, [{ productId, quantity }], randomUUID());
    await eventually(
      async () =>
        (await shopper.sdk.ProcessPayment({ input: { orderId: order.id, paymentMethod: { cardNumber: '4242424242424242' }, idempotencyKey: randomUUID() } }))
          .processPayment.payment?.status === 'SUCCEEDED',
      15_000,
      'the payment',
    );
    await store.orderUntil(order.id, (current) => current.status === 'CONFIRMED', 'the order confirmed');
    return order.id;
  };
  const ship = async (orderId: string, input: Record<string, unknown>) => {
    const { payload } = await call(merchant(), CREATE_SHIPMENT, { orderId, ...input });
    expect(payload?.userErrors).toEqual([]);
    return (payload!.shipment as { id: string }).id;
  };
  const webhook = (body: string, signature: string) =>
    fetch(new URL('/webhooks/carrier-tracking', stack.services.shipping.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'carrier-signature': signature },
      body,
    });

  it('ships an order in two shipments (PARTIALLY_FULFILLED, then FULFILLED, pushed to its follower), then DELIVERED by the staff and the signed carrier webhook', async () => {
    const productId = await store.product('Cast-iron pan', 10, 4200);
    const shopper = store.customer();
    const orderId = await paidOrder(shopper, productId, 3);
    const live = await subscribe<{ orderStatusChanged: { status: string; fulfillmentStatus: string } }>(
      stack.wsUrl,
      shopper.token,
      FOLLOW,
      { orderId },
      store.storeId,
    );
    try {
      const first = await ship(orderId, {
        carrierName: 'UPS',
        trackingNumber: `1Z${randomUUID().slice(0, 8)}`,
        lines: [{ variantId: productId, quantity: 1 }],
      });
      await store.orderUntil(orderId, (current) => current.status === 'PARTIALLY_FULFILLED', 'PARTIALLY_FULFILLED');
      const trackingNumber = `JD${randomUUID().slice(0, 8)}`;
      const second = await ship(orderId, { carrierName: 'DHL', trackingNumber });
      await store.orderUntil(orderId, (current) => current.status === 'FULFILLED', 'FULFILLED');
      const pushed = await live.until(2, 'the two fulfilment pushes');
      expect(pushed.slice(0, 2).map((push) => push.orderStatusChanged)).toEqual([
        { status: 'PARTIALLY_FULFILLED', fulfillmentStatus: 'PARTIALLY_FULFILLED' },
        { status: 'FULFILLED', fulfillmentStatus: 'FULFILLED' },
      ]);
      expect(await orderOf(orderId)).toMatchObject({ lineItems: [{ quantity: 3, fulfilledQuantity: 3, cancelledQuantity: 0 }] });

      // the staff of another store and the shopper cannot mark a parcel delivered
      const otherStore = randomUUID();
      expect((await call(tokenFor([Role.MERCHANT], otherStore), MARK_DELIVERED, { shipmentId: first }, otherStore)).payload?.userErrors).toEqual([
        { code: 'NOT_FOUND', field: ['input', 'shipmentId'] },
      ]);
      expect(JSON.stringify((await call(shopper.token, MARK_DELIVERED, { shipmentId: first })).errors)).toMatch(/FORBIDDEN|not allowed|Access denied/i);
      expect((await call(merchant(), MARK_DELIVERED, { shipmentId: first })).payload).toEqual({ shipment: { id: first, status: 'DELIVERED' }, userErrors: [] });
      expect((await call(merchant(), MARK_DELIVERED, { shipmentId: first })).payload?.userErrors).toEqual([
        { code: 'INVALID_TRANSITION', field: ['input', 'status'] },
      ]);
      expect((await orderOf(orderId)).status).toBe('FULFILLED');

      // the carrier reports the other parcel: a bad signature is refused and changes nothing
      const body = JSON.stringify({
        carrier: 'DHL',
        updates: [{ trackingNumber, status: 'DELIVERED', message: 'Left at the door', occurredAt: new Date().toISOString() }],
      });
      const now = Math.floor(Date.now() / 1000);
      expect((await webhook(body, signCarrierReport('not-the-carrier-secret', now, body))).status).toBe(401);
      expect((await client(merchant()).request<{ shipment: { status: string } }>(SHIPMENT, { id: second })).shipment.status).toBe('LABEL_CREATED');
      expect((await orderOf(orderId)).status).toBe('FULFILLED');
      const accepted = await webhook(body, signCarrierReport(WEBHOOK_SECRET, now, body));
      expect(accepted.status).toBe(200);
      await store.orderUntil(orderId, (current) => current.status === 'DELIVERED', 'DELIVERED');
      expect(await orderOf(orderId)).toMatchObject({ fulfillmentStatus: 'DELIVERED', shipments: [{ status: 'DELIVERED' }, { status: 'DELIVERED' }] });
      const all = await live.until(3, 'the DELIVERED push');
      expect(all[2].orderStatusChanged).toEqual({ status: 'DELIVERED', fulfillmentStatus: 'DELIVERED' });
    } finally {
      live.close();
    }
  });

  it('cancels the unshipped remainder (staff of the store only; INVALID_TRANSITION otherwise, writing nothing) and returns its stock', async () => {
    const productId = await store.product('Linen apron', 10, 2600);
    const shopper = store.customer();
    const orderId = await paidOrder(shopper, productId, 3);
    // nothing shipped yet: no remainder to cancel
    expect((await call(merchant(), CANCEL_REMAINDER, { orderId })).payload).toEqual({
      order: null,
      userErrors: [{ code: 'INVALID_TRANSITION', field: ['input', 'orderId'] }],
    });
    await ship(orderId, { carrierName: 'UPS', trackingNumber: `1Z${randomUUID().slice(0, 8)}`, lines: [{ variantId: productId, quantity: 1 }] });
    await store.orderUntil(orderId, (current) => current.status === 'PARTIALLY_FULFILLED', 'PARTIALLY_FULFILLED');
    const onHandBefore = (await store.stock(productId)).onHand;

    const otherStore = randomUUID();
    expect((await call(tokenFor([Role.MERCHANT], otherStore), CANCEL_REMAINDER, { orderId }, otherStore)).payload?.userErrors).toEqual([
      { code: 'NOT_FOUND', field: ['input', 'orderId'] },
    ]);
    expect(JSON.stringify((await call(shopper.token, CANCEL_REMAINDER, { orderId })).errors)).toMatch(/FORBIDDEN|not allowed|Access denied/i);
    expect(await orderOf(orderId)).toMatchObject({ status: 'PARTIALLY_FULFILLED', lineItems: [{ fulfilledQuantity: 1, cancelledQuantity: 0 }] });

    const cancelled = await call(merchant(), CANCEL_REMAINDER, { orderId, reason: 'Out of aprons' });
    expect(cancelled.payload).toEqual({ order: { id: orderId, status: 'FULFILLED', fulfillmentStatus: 'FULFILLED' }, userErrors: [] });
    expect(await orderOf(orderId)).toMatchObject({ lineItems: [{ quantity: 3, fulfilledQuantity: 1, cancelledQuantity: 2 }] });
    expect((await call(merchant(), CANCEL_REMAINDER, { orderId })).payload?.userErrors).toEqual([{ code: 'INVALID_TRANSITION', field: ['input', 'orderId'] }]);
    // the two units sold but never shipped are on hand again; shipping ships nothing more
    await eventually(async () => (await store.stock(productId)).onHand === onHandBefore + 2, 15_000, 'the remainder back on hand');
    await eventually(
      async () =>
        (await call(merchant(), CREATE_SHIPMENT, { orderId, carrierName: 'UPS', trackingNumber: 'LATE1' })).payload?.userErrors.map(
          (error) => error.code,
        )[0] === 'NOTHING_TO_SHIP',
      15_000,
      'shipping refusing the cancelled units',
    );
  });
});
