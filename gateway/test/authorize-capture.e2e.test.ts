import { randomUUID } from 'node:crypto';
import { ClientError } from 'graphql-request';
import { Client as PgClient } from 'pg';
import type { Stack } from '../../scripts/lib/stack';
import { acquireStack, releaseStack } from '../../scripts/lib/stack-pool';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { Storefront } from './support/storefront';

const GOOD_CARD = '4242424242424242';

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
