import { randomUUID } from 'node:crypto';
import { GraphQLClient } from 'graphql-request';
import { Client as PgClient } from 'pg';
import { Role } from '@ultramarket/kit';
import { acquireStack, releaseStack, type PooledStack } from '../../scripts/lib/stack-pool';
import { tokenFor } from '../../subgraphs/kit/test/support/subgraph-harness';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import type { OrderStatusChangedSubscription } from '../../schema/generated/sdk';
import { Storefront } from './support/storefront';
import { subscribe } from './support/live';

const INSTRUCTIONS = 'Transfer the total to IBAN DE89 3704 0044 0532 0130 00\nQuote your order number as the reference.';
const HOUR_MS = 3_600_000;

const ORDER_STATUS = `subscription ($orderId: ID!) { orderStatusChanged(orderId: $orderId) { id status } }`;
const CONFIGURE = `mutation ($input: ConfigureManualPaymentMethodInput!) {
  configureManualPaymentMethod(input: $input) { method { kind enabled } userErrors { code } }
}`;
const PAYMENT_METHODS = `query { paymentMethods { kind displayName instructions } }`;
const PAY = `mutation ($input: ProcessPaymentInput!) {
  processPayment(input: $input) { payment { id status provider method instructions } userErrors { code field } }
}`;
const MARK_PAID = `mutation ($input: MarkOrderAsPaidInput!) {
  markOrderAsPaid(input: $input) { payment { id status providerReference method } order { id } userErrors { code field message } }
}`;
const ORDER_PAYMENTS = `query ($id: ID!) { order(id: $id) { id status payments { status method instructions providerReference } } }`;

interface PayResult {
  processPayment: {
    payment: { id: string; status: string; provider: string; method: string; instructions: string | null } | null;
    userErrors: { code: string }[];
  };
}
interface MarkResult {
  markOrderAsPaid: {
    payment: { id: string; status: string; providerReference: string | null; method: string } | null;
    order: { id: string } | null;
    userErrors: { code: string; field: string[] | null; message: string }[];
  };
}

/** Issue 15 item 5 through the gateway: a store's bank transfer, chosen at checkout, marked paid by staff, or left to expire. */
describe('manual payments', () => {
  let stack: PooledStack;
  let store: Storefront;
  const staffUserId = randomUUID();

  beforeAll(async () => {
    stack = await acquireStack({ name: 'manual' });
    store = new Storefront(stack);
    const configured = await client(store.merchantToken).request<{ configureManualPaymentMethod: { userErrors: unknown[] } }>(CONFIGURE, {
      input: { kind: 'BANK_TRANSFER', enabled: true, displayName: 'Bank transfer', instructions: INSTRUCTIONS, holdHours: 72 },
    });
    expect(configured.configureManualPaymentMethod.userErrors).toEqual([]);
  }, 120_000);

  afterAll(async () => {
    await releaseStack(stack);
  });

  /** A client of the gateway in `storeId` (default: the test store), as `token` (none: a guest). */
  const client = (token?: string, storeId = store.storeId) =>
    new GraphQLClient(stack.gatewayUrl, { headers: { 'x-store-id': storeId, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  const staff = () => tokenFor([Role.STORE_STAFF], store.storeId, staffUserId);
  const pay = (token: string, orderId: string, manual: string, idempotencyKey = randomUUID()) =>
    client(token).request<PayResult>(PAY, { input: { orderId, paymentMethod: { manual }, idempotencyKey } });
  const markPaid = (token: string, orderId: string, idempotencyKey: string, storeId = store.storeId) =>
    client(token, storeId).rawRequest<MarkResult>(MARK_PAID, { input: { orderId, reference: 'TRF-0042', idempotencyKey } });

  async function inDatabase<T>(subgraph: string, sql: string, parameters: unknown[]): Promise<T[]> {
    const db = new PgClient({
      host: process.env.DATABASE_HOST ?? '127.0.0.1',
      port: Number(process.env.DATABASE_PORT ?? 5432),
      user: process.env.DATABASE_USER ?? 'postgres',
      password: process.env.DATABASE_PASSWORD,
      database: stack.databaseNames.find((name) => name.endsWith(`_${subgraph}`)),
    });
    await db.connect();
    try {
      return (await db.query(sql, parameters)).rows as T[];
    } finally {
      await db.end();
    }
  }

  /** An order of a fresh product, reserved, paid by bank transfer by its customer. */
  async function orderPaidByBankTransfer(units = 3) {
    const productId = await store.product(`Bank kettle ${randomUUID().slice(0, 8)}`, units, 3000);
    const shopper = store.customer();
    // an address of its own: a pooled stack's inbox is shared with other suites
    const order = await store.placeOrder(shopper.sdk, [{ productId, quantity: 1 }], randomUUID(), `bank.${randomUUID().slice(0, 8)}@example.com`);
    await store.orderUntil(order.id, (o) => o.reservationStatus === 'RESERVED', 'the reservation');
    return { productId, shopper, order };
  }

  it('shows the enabled methods at checkout, refuses one the store did not enable, and a bank transfer marked paid reaches CONFIRMED', async () => {
    const guest = await client().request<{ paymentMethods: unknown[] }>(PAYMENT_METHODS);
    expect(guest.paymentMethods).toEqual([
      { kind: 'CARD', displayName: 'Card', instructions: null },
      { kind: 'BANK_TRANSFER', displayName: 'Bank transfer', instructions: INSTRUCTIONS },
    ]);

    const { productId, shopper, order } = await orderPaidByBankTransfer();
    const live = await subscribe<OrderStatusChangedSubscription>(stack.wsUrl, shopper.token, ORDER_STATUS, { orderId: order.id }, store.storeId);

    const refused = await pay(shopper.token, order.id, 'CASH_ON_DELIVERY');
    expect(refused.processPayment).toEqual({
      payment: null,
      userErrors: [{ code: 'PAYMENT_METHOD_NOT_AVAILABLE', field: ['input', 'paymentMethod', 'manual'] }],
    });

    const paid = await pay(shopper.token, order.id, 'BANK_TRANSFER');
    expect(paid.processPayment).toMatchObject({
      userErrors: [],
      payment: { status: 'PENDING', provider: 'manual', method: 'BANK_TRANSFER', instructions: INSTRUCTIONS },
    });
    const waiting = await store.orderUntil(
      order.id,
      (o) => o.status === 'PAYMENT_PENDING' && new Date(o.reservationExpiresAt!).getTime() > Date.now() + 71 * HOUR_MS,
      'PAYMENT_PENDING with the stock held for the bank transfer',
    );
    expect(waiting.reservationStatus).toBe('RESERVED');
    expect(await store.stock(productId)).toMatchObject({ onHand: 3, reserved: 1 });
    const seen = await client(shopper.token).request<{ order: { payments: unknown[] } }>(ORDER_PAYMENTS, { id: order.id });
    expect(seen.order.payments).toEqual([{ status: 'PENDING', method: 'BANK_TRANSFER', instructions: INSTRUCTIONS, providerReference: null }]);
    const email = await eventually(
      // notifications names the order when it heard of its number already (payments.initiated may overtake orders' events)
      async () =>
        stack.inbox
          .messagesTo(order.email!)
          .find((message) => [`How to pay for order ${order.orderNumber}`, 'How to pay for your order'].includes(message.subject)),
      15_000,
      'the email with the instructions',
    );
    expect(email.text).toContain('> Transfer the total to IBAN DE89 3704 0044 0532 0130 00\n> Quote your order number as the reference.');

    // the customer cannot mark their own order paid; another store's staff do not find it
    const byCustomer = await markPaid(shopper.token, order.id, 'mark-1').catch((error) => error.response);
    expect(byCustomer.errors[0].extensions.code).toBe('FORBIDDEN');
    const otherStore = randomUUID();
    const byStranger = await markPaid(tokenFor([Role.MERCHANT], otherStore), order.id, 'mark-1', otherStore);
    expect(byStranger.data.markOrderAsPaid.userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);

    const marked = await markPaid(staff(), order.id, 'mark-1');
    expect(marked.data.markOrderAsPaid).toMatchObject({
      userErrors: [],
      payment: { status: 'SUCCEEDED', providerReference: 'TRF-0042', method: 'BANK_TRANSFER' },
    });
    const pushed = await eventually(async () => live.results.find((result) => result.orderStatusChanged.status === 'CONFIRMED'), 20_000, 'CONFIRMED pushed');
    expect(pushed.orderStatusChanged.id).toBe(order.id);
    const confirmed = await store.orderUntil(order.id, (o) => o.status === 'CONFIRMED', 'CONFIRMED');
    expect(confirmed.paymentStatus).toBe('PAID');
    await eventually(async () => (await store.stock(productId)).onHand === 2, 15_000, 'the stock committed');
    expect(await store.stock(productId)).toEqual({ stock: 2, onHand: 2, reserved: 0 });

    // the same key changes nothing; another mark is INVALID_TRANSITION
    const again = await markPaid(staff(), order.id, 'mark-1');
    expect(again.data.markOrderAsPaid).toEqual(marked.data.markOrderAsPaid);
    const second = await markPaid(store.merchantToken, order.id, 'mark-2');
    expect(second.data.markOrderAsPaid.userErrors.map((error) => error.code)).toEqual(['INVALID_TRANSITION']);
    const [rows] = await inDatabase<{ payments: number; sales: number }>(
      'payments',
      `SELECT (SELECT count(*)::int FROM payment WHERE order_id = $1) AS payments,
              (SELECT count(*)::int FROM payment_transaction t JOIN payment p ON p.id = t.payment_id WHERE p.order_id = $1) AS sales`,
      [order.id],
    );
    expect(rows).toEqual({ payments: 1, sales: 1 });
    expect(await store.stock(productId)).toEqual({ stock: 2, onHand: 2, reserved: 0 });
    live.close();
  });

  it('cancels an order whose bank transfer never came when its hold runs out; it can no longer be marked paid', async () => {
    const { productId, shopper, order } = await orderPaidByBankTransfer();
    const paid = await pay(shopper.token, order.id, 'BANK_TRANSFER');
    expect(paid.processPayment.payment?.status).toBe('PENDING');
    await store.orderUntil(order.id, (o) => new Date(o.reservationExpiresAt!).getTime() > Date.now() + 71 * HOUR_MS, 'the hold');
    // the hold's hours pass: the reservation is due now (the sweep runs every 200 ms)
    await inDatabase('inventory', `UPDATE reservation SET expires_at = now() WHERE order_id = $1`, [order.id]);

    const cancelled = await store.orderUntil(order.id, (o) => o.status === 'CANCELLED', 'the expiry');
    expect(cancelled).toMatchObject({ reservationStatus: 'RELEASED', cancelReason: 'The stock reservation expired before payment' });
    expect(await store.stock(productId)).toEqual({ stock: 3, onHand: 3, reserved: 0 });
    await eventually(
      async () =>
        (await client(shopper.token).request<{ order: { payments: { status: string }[] } }>(ORDER_PAYMENTS, { id: order.id })).order.payments[0].status ===
        'FAILED',
      15_000,
      'the manual payment FAILED',
    );
    const late = await markPaid(staff(), order.id, 'mark-late');
    expect(late.data.markOrderAsPaid).toMatchObject({ payment: null, userErrors: [{ code: 'INVALID_TRANSITION' }] });
    expect(await store.stock(productId)).toEqual({ stock: 3, onHand: 3, reserved: 0 });
  });
});
