import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { dropDatabases, startStack, type Stack } from '../../scripts/lib/stack';
import { eventually, uniqueSuiteName } from '../../subgraphs/kit/test/support/test-names';
import { SmtpInbox } from '../../subgraphs/notifications/test/support/smtp-inbox';
import type { NotificationAddedSubscription, OrderStatusChangedSubscription } from '../../schema/generated/sdk';
import { Storefront } from './support/storefront';
import { subscribe } from './support/live';

const GOOD_CARD = '4242424242424242';
const DECLINED_CARD = '4000000000000002';

const ORDER_STATUS = `subscription ($orderId: ID!) {
  orderStatusChanged(orderId: $orderId) { id status statusHistory { status } lineItems { quantity product { title stock } } }
}`;
const NOTIFICATIONS = 'subscription { notificationAdded { id type title orderId } }';

/** The order saga through the gateway: checkout, payment, stock, notifications, email, live status. */
describe('the order saga', () => {
  const inbox = new SmtpInbox();
  let stack: Stack;
  let store: Storefront;

  beforeAll(async () => {
    await inbox.start();
    stack = await startStack({
      namespace: uniqueSuiteName('saga'),
      // a killed subgraph's unacknowledged events come back after the ack wait
      env: { SMTP_PORT: String(inbox.port), NOTIFICATIONS_EMAIL_POLL_MS: '200', CONSUMER_ACK_WAIT_MS: '2000' },
    });
    store = new Storefront(stack);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    if (stack) await dropDatabases(stack.databaseNames);
    await inbox.stop();
  });

  const pay = (sdk: Storefront['merchant'], orderId: string, cardNumber: string) =>
    sdk.ProcessPayment({ input: { orderId, paymentMethod: { cardNumber }, idempotencyKey: randomUUID() } });

  /** Runs `sql` in the stack's payments database (ultramarket_test_<namespace>_payments), as its owner. */
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
  /** What payments knows of an order: its read-model row. */
  const paymentsOrder = async (orderId: string) =>
    (await inPayments<{ closed_at: Date | null }>(`SELECT closed_at FROM order_read_model WHERE order_id = $1`, [orderId]))[0];
  /** An order's payments and their provider transactions (sales, refunds), counted. */
  const paymentRows = async (orderId: string) => {
    const [counts] = await inPayments<{ payments: number; transactions: number }>(
      `SELECT (SELECT count(*)::int FROM payment WHERE order_id = $1) AS payments,
              (SELECT count(*)::int FROM payment_transaction t JOIN payment p ON p.id = t.payment_id WHERE p.order_id = $1) AS transactions`,
      [orderId],
    );
    return counts;
  };

  it('takes an order from checkout to COMPLETED, live, with history, notifications and email', async () => {
    const productId = await store.product('Copper kettle', 5, 6400);
    const shopper = store.customer();
    const order = await store.placeOrder(shopper.sdk, [{ productId, quantity: 2 }]);
    expect(order).toMatchObject({ status: 'CREATED', total: { amount: 12800, currencyCode: 'USD' } });

    const live = await subscribe<OrderStatusChangedSubscription>(stack.wsUrl, shopper.token, ORDER_STATUS, { orderId: order.id }, store.storeId);
    const notices = await subscribe<NotificationAddedSubscription>(stack.wsUrl, shopper.token, NOTIFICATIONS, {}, store.storeId);

    const payment = await eventually(
      async () => {
        const { processPayment } = await pay(shopper.sdk, order.id, GOOD_CARD);
        return processPayment.payment;
      },
      15_000,
      'a payment',
    );
    expect(payment).toMatchObject({ status: 'SUCCEEDED', amount: { amount: 12800, currencyCode: 'USD' } });
    await store.orderUntil(order.id, (o) => o.status === 'CONFIRMED', 'the order to be confirmed');

    const dispatched = await store.merchant.DispatchOrder({ input: { orderId: order.id, carrier: 'UPS', trackingNumber: '1Z999AA10123456784' } });
    expect(dispatched.dispatchOrder.order).toMatchObject({ status: 'FULFILLED', carrier: 'UPS' });
    const completed = await store.merchant.CompleteOrder({ input: { orderId: order.id } });
    expect(completed.completeOrder.order?.status).toBe('COMPLETED');

    const pushed = await eventually(
      async () => live.results.at(-1)?.orderStatusChanged.status === 'COMPLETED' && live.results,
      20_000,
      'COMPLETED on orderStatusChanged',
    );
    // one push per transaction: a payment's steps may reach the subscriber as one (CONFIRMED straight from
    // PAYMENT_PENDING, or from CREATED when the payment's outcome overtook its initiated), but always in order
    const statuses: string[] = pushed.map((result) => result.orderStatusChanged.status);
    expect(statuses.slice(-3)).toEqual(['CONFIRMED', 'FULFILLED', 'COMPLETED']);
    expect(statuses).toEqual(['PAYMENT_PENDING', 'PAYMENT_SUCCESS', 'CONFIRMED', 'FULFILLED', 'COMPLETED'].filter((status) => statuses.includes(status)));
    expect(live.errors).toEqual([]);
    // the history keeps every step
    const last = pushed[pushed.length - 1].orderStatusChanged;
    expect(last.statusHistory.map((entry) => entry.status)).toEqual(['CREATED', 'PAYMENT_PENDING', 'PAYMENT_SUCCESS', 'CONFIRMED', 'FULFILLED', 'COMPLETED']);
    expect(last.lineItems).toEqual([{ quantity: 2, product: { title: 'Copper kettle', stock: 3 } }]);
    expect(await store.stock(productId)).toEqual({ stock: 3, onHand: 3, reserved: 0 });

    const added = await notices.until(3, 'notifications pushed to the shopper');
    expect(added.every((result) => result.notificationAdded.orderId === order.id)).toBe(true);
    const { notifications, unreadNotificationCount } = await shopper.sdk.Notifications({ first: 20 });
    expect(new Set(notifications.nodes.map((notification) => notification.type))).toEqual(new Set(['ORDER', 'PAYMENT', 'DISPATCH']));
    expect(unreadNotificationCount).toBe(notifications.totalCount);

    const emails = await eventually(
      async () => {
        const mine = inbox.messages.filter((message) => message.text.includes(order.orderNumber));
        // both, whichever comes first: the dispatch email may overtake the confirmation (another sending round)
        return mine.some((message) => message.text.includes('1Z999AA10123456784')) && mine.some((message) => /confirmed/i.test(message.subject)) && mine;
      },
      15_000,
      'the confirmation and dispatch emails',
    );
    expect(emails.every((message) => message.to.includes('shopper@example.com'))).toBe(true);
    expect(emails.some((message) => /confirmed/i.test(message.subject))).toBe(true);
    live.close();
    notices.close();
  });

  it('keeps the stock through a declined card and confirms the order on a retry with a good card', async () => {
    const productId = await store.product('Cast iron pan', 3, 4500);
    const shopper = store.customer();
    const order = await store.placeOrder(shopper.sdk, [{ productId, quantity: 1 }]);
    const declined = await eventually(
      async () => (await pay(shopper.sdk, order.id, DECLINED_CARD)).processPayment.payment && (await shopper.sdk.OrderPayments({ id: order.id })).order,
      15_000,
      'a declined payment',
    );
    expect(declined.payments.map((payment) => payment.status)).toEqual(['FAILED']);
    await store.orderUntil(order.id, (o) => o.status === 'PAYMENT_FAILED', 'PAYMENT_FAILED');
    expect((await store.stock(productId)).reserved).toBe(1);
    await eventually(
      async () => (await shopper.sdk.Notifications({ first: 10 })).notifications.nodes.find((notification) => notification.type === 'PAYMENT'),
      10_000,
      'a payment notification',
    );

    const retry = await pay(shopper.sdk, order.id, GOOD_CARD);
    expect(retry.processPayment).toMatchObject({ userErrors: [], payment: { status: 'SUCCEEDED' } });
    const confirmed = await store.orderUntil(order.id, (o) => o.status === 'CONFIRMED', 'the order to be confirmed');
    expect(confirmed.paymentStatus).toBe('PAID');
    expect(await store.stock(productId)).toEqual({ stock: 2, onHand: 2, reserved: 0 });
  });

  it('refuses to pay a cancelled order, and another shopper’s order', async () => {
    const productId = await store.product('Tea tin', 3, 900);
    const shopper = store.customer();
    const order = await store.placeOrder(shopper.sdk, [{ productId, quantity: 1 }]);
    await store.orderUntil(order.id, (o) => o.reservationStatus === 'RESERVED', 'the reservation');
    const stranger = await pay(store.customer().sdk, order.id, GOOD_CARD);
    expect(stranger.processPayment.payment).toBeNull();
    expect(stranger.processPayment.userErrors[0].code).toBe('ORDER_NOT_FOUND');

    await shopper.sdk.CancelOrder({ input: { orderId: order.id, reason: 'Found it cheaper' } });
    // the cancellation reaches payments first (its read model closes the order): then one attempt, refused for that reason
    await eventually(async () => (await paymentsOrder(order.id))?.closed_at ?? undefined, 15_000, 'payments to hear of the cancellation');
    const refused = await pay(shopper.sdk, order.id, GOOD_CARD);
    expect(refused.processPayment).toMatchObject({ payment: null, userErrors: [{ code: 'ORDER_NOT_PAYABLE' }] });
    // and nothing was charged: no payment, no provider transaction, for this attempt or any before it
    expect((await shopper.sdk.OrderPayments({ id: order.id })).order?.payments).toEqual([]);
    expect(await paymentRows(order.id)).toEqual({ payments: 0, transactions: 0 });
    expect(await store.stock(productId)).toEqual({ stock: 3, onHand: 3, reserved: 0 });
  });

  it('returns the same order for the same idempotency key and creates nothing twice', async () => {
    const productId = await store.product('Oven mitt', 10, 1200);
    const shopper = store.customer();
    const key = randomUUID();
    const first = await store.placeOrder(shopper.sdk, [{ productId, quantity: 1 }], key);
    const again = await Promise.all([1, 2, 3].map(() => store.placeOrder(shopper.sdk, [{ productId, quantity: 1 }], key)));
    expect(again.map((order) => order.id)).toEqual([first.id, first.id, first.id]);
    expect((await shopper.sdk.Orders({ first: 10 })).orders.totalCount).toBe(1);
    await store.orderUntil(first.id, (o) => o.reservationStatus === 'RESERVED', 'the reservation');
    expect((await store.stock(productId)).reserved).toBe(1);
  });

  it('refuses bad input on every saga mutation with BAD_USER_INPUT and writes nothing', async () => {
    const shopper = store.customer();
    const before = (await store.merchant.Orders({ first: 1 })).orders.totalCount;
    const badUserInput = async (call: Promise<unknown>) => {
      const error = await call.then(
        () => null,
        (failure: { response?: { errors?: { extensions?: { code?: string; fields?: unknown[] } }[] } }) => failure.response?.errors?.[0],
      );
      expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((error?.extensions?.fields ?? []).length).toBeGreaterThan(0);
    };
    await badUserInput(
      shopper.sdk.PlaceOrder({
        input: {
          items: [],
          email: 'not-an-email',
          shippingAddress: { name: '', line1: 'x', city: 'y', postalCode: '1', countryCode: 'england' },
          idempotencyKey: '',
        },
      }),
    );
    await badUserInput(
      shopper.sdk.PlaceOrder({
        input: {
          items: [{ productId: randomUUID(), quantity: 0 }],
          email: 'a@b.co',
          shippingAddress: { name: 'A', line1: 'x', city: 'y', postalCode: '1', countryCode: 'GB' },
          idempotencyKey: 'k',
        },
      }),
    );
    await badUserInput(shopper.sdk.CancelOrder({ input: { orderId: 'nope', reason: '' } }));
    await badUserInput(store.merchant.DispatchOrder({ input: { orderId: randomUUID(), carrier: '', trackingNumber: '' } }));
    await badUserInput(store.merchant.CompleteOrder({ input: { orderId: '42' } }));
    await badUserInput(shopper.sdk.ProcessPayment({ input: { orderId: randomUUID(), paymentMethod: { cardNumber: '1234' }, idempotencyKey: 'k' } }));
    await badUserInput(shopper.sdk.MarkNotificationRead({ input: { id: 'nope' } }));
    expect((await store.merchant.Orders({ first: 1 })).orders.totalCount).toBe(before);
  });

  it('finishes every saga when subgraphs are killed and restarted in the middle of it', async () => {
    const productId = await store.product('Bread knife', 20, 3000);
    const shoppers = Array.from({ length: 4 }, () => store.customer());
    const orders = await Promise.all(shoppers.map((shopper) => store.placeOrder(shopper.sdk, [{ productId, quantity: 2 }])));
    await stack.kill('inventory');
    await stack.restart('inventory');
    await store.ordersUntil(
      orders.map((order) => order.id),
      (o) => o.reservationStatus === 'RESERVED',
      'the reservations after the restart',
    );

    const payments = await Promise.all(orders.map((order, index) => pay(shoppers[index].sdk, order.id, GOOD_CARD)));
    expect(payments.map((result) => result.processPayment.payment?.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    await stack.kill('orders');
    await stack.restart('orders');
    const confirmed = await store.ordersUntil(
      orders.map((order) => order.id),
      (o) => o.status === 'CONFIRMED',
      'every order to be confirmed after the restart',
    );
    expect(confirmed).toHaveLength(4);
    for (const order of orders) {
      const { order: read } = await store.merchant.OrderById({ id: order.id });
      expect(read!.statusHistory.map((entry) => entry.status)).toEqual(['CREATED', 'PAYMENT_PENDING', 'PAYMENT_SUCCESS', 'CONFIRMED']);
    }
    expect(await store.stock(productId)).toEqual({ stock: 12, onHand: 12, reserved: 0 });
  }, 120_000);
});
