import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { dropDatabases, startStack, type Stack } from '../../scripts/lib/stack';
import { eventually, uniqueSuiteName } from '../../subgraphs/kit/test/support/test-names';
import { Storefront } from './support/storefront';

/** The simulated provider's test card whose charge happens but whose answer never arrives (subgraphs/payments/README.md). */
const TIMEOUT_CARD = '4000000000000291';
const GOOD_CARD = '4242424242424242';
/** Reconciliation asks about payments PENDING longer than this: the checks of "still pending" below take milliseconds, with room for a loaded CI machine. */
const RECONCILE_AFTER_SECONDS = 12;

/** A payment whose provider call timed out, through the gateway: still pending, then reconciled, the order CONFIRMED, one charge. */
describe('payment recovery', () => {
  let stack: Stack;
  let store: Storefront;

  beforeAll(async () => {
    stack = await startStack({
      namespace: uniqueSuiteName('payrecovery'),
      env: {
        PAYMENTS_RECONCILE_AFTER_SECONDS: String(RECONCILE_AFTER_SECONDS),
        PAYMENTS_RECONCILE_INTERVAL_SECONDS: '1',
        PAYMENTS_RECONCILE_BACKOFF_SECONDS: '1',
      },
    });
    store = new Storefront(stack);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    if (stack) await dropDatabases(stack.databaseNames);
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

  it('keeps a timed-out payment pending, reconciles it, confirms the order and charges once', async () => {
    const productId = await store.product('Enamel teapot', 4, 3900);
    const shopper = store.customer();
    const order = await store.placeOrder(shopper.sdk, [{ productId, quantity: 1 }]);
    const pay = (cardNumber: string) =>
      shopper.sdk.ProcessPayment({ input: { orderId: order.id, paymentMethod: { cardNumber }, idempotencyKey: randomUUID() } });

    const timedOut = await eventually(
      async () => {
        const { processPayment } = await pay(TIMEOUT_CARD);
        return processPayment.payment && processPayment;
      },
      15_000,
      'a payment',
    );
    expect(timedOut.payment).toMatchObject({ status: 'PENDING', amount: { amount: 3900, currencyCode: 'USD' } });
    expect(timedOut.userErrors.map((error) => error.code)).toEqual(['PAYMENT_PENDING']);

    // still pending: not confirmed, the stock still reserved, and no second payment can start meanwhile
    const pending = (await shopper.sdk.OrderPayments({ id: order.id })).order!;
    expect(pending.status).not.toBe('CONFIRMED');
    expect(pending.payments.map((payment) => payment.status)).toEqual(['PENDING']);
    expect((await store.stock(productId)).reserved).toBe(1);
    const second = await pay(GOOD_CARD);
    expect(second.processPayment).toMatchObject({ payment: null, userErrors: [{ code: 'PAYMENT_IN_PROGRESS' }] });

    // reconciliation asks the provider, which did take the money: the saga goes on as after a synchronous success
    const confirmed = await store.orderUntil(order.id, (o) => o.status === 'CONFIRMED', 'the reconciled order to be confirmed', 60_000);
    expect(confirmed.paymentStatus).toBe('PAID');
    expect(await store.stock(productId)).toEqual({ stock: 3, onHand: 3, reserved: 0 });

    // charged once: one payment, one sale, one payments.succeeded
    const paid = (await shopper.sdk.OrderPayments({ id: order.id })).order!;
    expect(paid.payments.map((payment) => payment.status)).toEqual(['SUCCEEDED']);
    const [ledger] = await inPayments<{ payments: number; sales: number; succeeded: number; attempts: number }>(
      `SELECT (SELECT count(*)::int FROM payment WHERE order_id = $1) AS payments,
              (SELECT count(*)::int FROM payment_transaction t JOIN payment p ON p.id = t.payment_id WHERE p.order_id = $1 AND t.type = 'SALE') AS sales,
              (SELECT count(*)::int FROM outbox_event WHERE envelope->>'aggregateId' = $1::text AND envelope->>'type' = 'payments.succeeded') AS succeeded,
              (SELECT max(reconcile_attempts)::int FROM payment WHERE order_id = $1) AS attempts`,
      [order.id],
    );
    expect(ledger).toEqual({ payments: 1, sales: 1, succeeded: 1, attempts: 1 });
    expect((await pay(GOOD_CARD)).processPayment.userErrors[0].code).toBe('ORDER_ALREADY_PAID');
  });
});
