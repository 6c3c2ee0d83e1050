import { randomUUID } from 'node:crypto';
import { ClientError, GraphQLClient, gql } from 'graphql-request';
import { Client as PgClient } from 'pg';
import type { Stack } from '../../scripts/lib/stack';
import { acquireStack, releaseStack } from '../../scripts/lib/stack-pool';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { Storefront } from './support/storefront';

const GOOD_CARD = '4242424242424242';
const CREATE_SHIPMENT = gql`
  mutation ($input: CreateShipmentInput!) {
    createShipment(input: $input) {
      shipment {
        id
      }
      userErrors {
        code
        field
      }
    }
  }
`;
const CANCEL_ORDER = gql`
  mutation ($input: CancelOrderInput!) {
    cancelOrder(input: $input) {
      order {
        status
      }
      userErrors {
        code
        field
      }
    }
  }
`;
const CAPTURE_STATE = gql`
  query ($id: ID!) {
    order(id: $id) {
      status
      paymentStatus
      total {
        amount
      }
      totalCaptured {
        amount
      }
      refunds {
        id
      }
      payments {
        status
        capturedAmount {
          amount
        }
      }
      auditTrail(first: 50) {
        nodes {
          action
        }
      }
    }
  }
`;
interface CaptureState {
  status: string;
  paymentStatus: string;
  total: { amount: number };
  totalCaptured: { amount: number };
  refunds: { id: string }[];
  payments: { status: string; capturedAmount: { amount: number } }[];
  auditTrail: { nodes: { action: string }[] };
}

/** The GraphQL error code a request failed with (it must fail). */
async function errorCodeOf(request: Promise<unknown>): Promise<string | undefined> {
  const error = await request.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ClientError);
  return (error as ClientError).response.errors?.[0]?.extensions?.code as string | undefined;
}

/** A MANUAL-capture store through the gateway: authorize at payment, capture in parts, PAID; only its staff may capture. */
describe('authorize, then capture', () => {
  let stack: Stack;
  let store: Storefront;
  let otherStore: Storefront;

  beforeAll(async () => {
    stack = await acquireStack({ name: 'authcapture' });
    store = await Storefront.open(stack, 'Manual Capture Teas');
    otherStore = await Storefront.open(stack, 'Other Teas');
    const { updateStore } = await store.merchant.UpdateStore({ input: { storeId: store.storeId, settings: { paymentCaptureMode: 'MANUAL' } } });
    expect(updateStore.userErrors).toEqual([]);
    // payments keeps the setting from stores.updated (the kit's replica): wait until it has it
    await eventually(
      async () =>
        (await inPayments<{ mode: string }>(`SELECT payment_capture_mode AS mode FROM store_checkout_settings WHERE store_id = $1`, [store.storeId]))[0]
          ?.mode === 'MANUAL',
      30_000,
      'the capture mode in payments',
    );
  }, 180_000);

  afterAll(async () => {
    await releaseStack(stack);
  });

  /** Runs `sql` in the stack's payments database, as its owner. */
  async function inPayments<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    const db = new PgClient({
      host: process.env.DATABASE_HOST ?? '127.0.0.1',
      port: Number(process.env.DATABASE_PORT ?? 5432),
      user: process.env.DATABASE_USER ?? 'postgres',
      password: process.env.DATABASE_PASSWORD,
      database: stack.databaseNames.find((name) => name.endsWith('_payments')),
    });
    await db.connect();
    try {
      return (await db.query(sql, parameters)).rows as T[];
    } finally {
      await db.end();
    }
  }

  const client = (token: string) => new GraphQLClient(stack.gatewayUrl, { headers: { 'x-store-id': store.storeId, authorization: `Bearer ${token}` } });
  const stateOf = async (orderId: string) => (await client(store.merchantToken).request<{ order: CaptureState }>(CAPTURE_STATE, { id: orderId })).order;
  const stateUntil = (orderId: string, done: (state: CaptureState) => boolean, what: string) =>
    eventually(
      async () => {
        const state = await stateOf(orderId);
        return done(state) ? state : null;
      },
      30_000,
      what,
    );
  /** An order of `quantity` × `productId`, its card authorized, CONFIRMED. */
  const authorizedOrder = async (productId: string, quantity: number) => {
    const shopper = store.customer();
    const order = await store.placeOrder(shopper.sdk, [{ productId, quantity }]);
    await eventually(
      async () =>
        (await shopper.sdk.ProcessPayment({ input: { orderId: order.id, paymentMethod: { cardNumber: GOOD_CARD }, idempotencyKey: randomUUID() } }))
          .processPayment.payment?.status === 'AUTHORIZED',
      15_000,
      'the authorization',
    );
    await store.orderUntil(order.id, (o) => o.status === 'CONFIRMED' && o.paymentStatus === 'AUTHORIZED', 'the authorized order confirmed');
    return { orderId: order.id, shopper };
  };
  const ship = async (orderId: string, variantId: string, quantity: number) => {
    const { createShipment } = await client(store.merchantToken).request<{ createShipment: { userErrors: unknown[] } }>(CREATE_SHIPMENT, {
      input: { orderId, carrierName: 'UPS', trackingNumber: `1Z${randomUUID().slice(0, 8)}`, lines: [{ variantId, quantity }] },
    });
    expect(createShipment.userErrors).toEqual([]);
  };
  const cancel = async (token: string, orderId: string) =>
    (await client(token).request<{ cancelOrder: { order: { status: string } | null; userErrors: { code: string }[] } }>(CANCEL_ORDER, { input: { orderId } }))
      .cancelOrder;

  it('captures as the order ships: the first shipment its share (PARTIALLY_PAID), the second the rest (PAID, FULFILLED)', async () => {
    const productId = await store.product('Tea caddy', 2, 3000);
    const { orderId } = await authorizedOrder(productId, 2);
    await ship(orderId, productId, 1);
    const partly = await stateUntil(orderId, (state) => state.paymentStatus === 'PARTIALLY_PAID', 'the first shipment captured');
    expect(partly.status).toBe('PARTIALLY_FULFILLED');
    expect(partly.totalCaptured.amount).toBeGreaterThan(0);
    expect(partly.totalCaptured.amount).toBeLessThan(partly.total.amount);
    expect(partly.payments[0]).toEqual({ status: 'PARTIALLY_CAPTURED', capturedAmount: partly.totalCaptured });
    await ship(orderId, productId, 1);
    const done = await stateUntil(orderId, (state) => state.paymentStatus === 'PAID', 'the rest captured');
    expect(done).toMatchObject({ status: 'FULFILLED', totalCaptured: done.total, payments: [{ status: 'SUCCEEDED', capturedAmount: done.total }] });
  });

  it('cancels an authorized order for staff only: CANCELLED, the hold voided, the stock back', async () => {
    const productId = await store.product('Tea scoop', 3, 900);
    const { orderId, shopper } = await authorizedOrder(productId, 2);
    expect(await store.stock(productId)).toMatchObject({ onHand: 1, reserved: 0 });
    expect((await cancel(shopper.token, orderId)).userErrors.map((error) => error.code)).toEqual(['INVALID_TRANSITION']);
    expect((await stateOf(orderId)).status).toBe('CONFIRMED');

    expect(await cancel(store.merchantToken, orderId)).toEqual({ order: { status: 'CANCELLED' }, userErrors: [] });
    const voided = await stateUntil(orderId, (state) => state.paymentStatus === 'VOIDED', 'the hold voided');
    expect(voided).toMatchObject({ totalCaptured: { amount: 0 }, refunds: [], payments: [{ status: 'VOIDED', capturedAmount: { amount: 0 } }] });
    expect(voided.auditTrail.nodes.map((entry) => entry.action)).toEqual(expect.arrayContaining(['ORDER_CANCELLED', 'AUTHORIZATION_VOIDED']));
    await eventually(async () => (await store.stock(productId)).onHand === 3, 20_000, 'both units back on hand');
    // cancelled already: INVALID_TRANSITION
    expect((await cancel(store.merchantToken, orderId)).userErrors.map((error) => error.code)).toEqual(['INVALID_TRANSITION']);
  });

  it('cancelling a partly shipped, partly captured order cancels its remainder: FULFILLED, the shipped units paid, the rest released and restocked, nothing refunded', async () => {
    const productId = await store.product('Tea tray', 4, 2000);
    const { orderId } = await authorizedOrder(productId, 3);
    await ship(orderId, productId, 1);
    const partly = await stateUntil(orderId, (state) => state.status === 'PARTIALLY_FULFILLED', 'the first shipment recorded');
    expect(await cancel(store.merchantToken, orderId)).toEqual({ order: { status: 'FULFILLED' }, userErrors: [] });
    const settled = await stateUntil(
      orderId,
      (state) => state.totalCaptured.amount > 0 && ['SUCCEEDED', 'VOIDED'].includes(state.payments[0]?.status),
      'the hold settled',
    );
    expect(settled.paymentStatus).toBe('PARTIALLY_PAID');
    expect(settled.totalCaptured.amount).toBeLessThan(partly.total.amount);
    expect(settled.payments[0].capturedAmount).toEqual(settled.totalCaptured);
    expect(settled.refunds).toEqual([]);
    // the two unshipped units are back on hand; the shipped one stays sold
    await eventually(async () => (await store.stock(productId)).onHand === 3, 20_000, 'the remainder back on hand');
  });

  it('authorizes at payment (order CONFIRMED, AUTHORIZED), captures part, then the rest (PARTIALLY_PAID, then PAID)', async () => {
    const productId = await store.product('Cast-iron kettle', 3, 4000);
    const shopper = store.customer();
    const order = await store.placeOrder(shopper.sdk, [{ productId, quantity: 2 }]);
    const paid = await eventually(
      async () => {
        const { processPayment } = await shopper.sdk.ProcessPayment({
          input: { orderId: order.id, paymentMethod: { cardNumber: GOOD_CARD }, idempotencyKey: randomUUID() },
        });
        return processPayment.payment && processPayment;
      },
      15_000,
      'a payment',
    );
    expect(paid.userErrors).toEqual([]);
    expect(paid.payment).toMatchObject({ status: 'AUTHORIZED', transactions: [{ type: 'AUTHORIZATION', status: 'SUCCEEDED' }] });
    const total = paid.payment!.amount.amount;
    const confirmed = await store.orderUntil(order.id, (o) => o.status === 'CONFIRMED' && o.paymentStatus === 'AUTHORIZED', 'the authorized order confirmed');
    expect(confirmed.paymentStatus).toBe('AUTHORIZED');
    // the stock is sold as for a paid order
    expect(await store.stock(productId)).toEqual({ stock: 1, onHand: 1, reserved: 0 });

    // tenant isolation and authorization: another store's merchant and the shopper cannot capture it
    const capture = (sdk = store.merchant, amount?: number) => sdk.CapturePayment({ input: { orderId: order.id, amount, idempotencyKey: randomUUID() } });
    expect(await errorCodeOf(capture(otherStore.merchant, 1000))).toBe('NOT_FOUND');
    expect(await errorCodeOf(capture(shopper.sdk, 1000))).toBe('FORBIDDEN');

    const first = (await capture(store.merchant, 3000)).capturePayment;
    expect(first).toMatchObject({ userErrors: [], payment: { status: 'PARTIALLY_CAPTURED', capturedAmount: { amount: 3000 } } });
    await store.orderUntil(order.id, (o) => o.paymentStatus === 'PARTIALLY_PAID', 'the order partly paid');

    const tooMuch = (await capture(store.merchant, total)).capturePayment;
    expect(tooMuch.userErrors.map((error) => error.code)).toEqual(['CAPTURE_EXCEEDS_AUTHORIZED']);

    const rest = (await capture()).capturePayment;
    expect(rest).toMatchObject({ userErrors: [], payment: { status: 'SUCCEEDED', capturedAmount: { amount: total } } });
    const done = await store.orderUntil(order.id, (o) => o.paymentStatus === 'PAID', 'the order paid');
    expect(done.status).toBe('CONFIRMED');
    expect((await capture(store.merchant, 1)).capturePayment.userErrors.map((error) => error.code)).toEqual(['INVALID_TRANSITION']);
  });
});
