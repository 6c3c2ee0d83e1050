import { randomUUID } from 'node:crypto';
import { connect } from 'nats';
import { EventNames } from '@ultramarket/kit';
import { dropDatabases, startStack, type Stack } from '../../scripts/lib/stack';
import { eventually, uniqueSuiteName } from '../../subgraphs/kit/test/support/test-names';
import { Storefront } from './support/storefront';
import { subscribe } from './support/live';

const GOOD_CARD = '4242424242424242';
const DECLINED_CARD = '4000000000000002';
const FOLLOW = 'subscription ($orderId: ID!) { orderStatusChanged(orderId: $orderId) { id status } }';

interface Followed {
  orderStatusChanged: { id: string; status: string };
}

/** Live order pushes: acknowledged listening, answers from the event, and resuming from a cursor without gaps or repeats. */
describe('resumable order status pushes', () => {
  let stack: Stack;
  let store: Storefront;
  let productId: string;

  const metric = async (name: string): Promise<number> => {
    const text = await (await fetch(stack.gatewayUrl.replace(/\/graphql$/, '/metrics'))).text();
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
    return line ? Number(line.split(' ')[1]) : 0;
  };

  const pay = async (shopper: ReturnType<Storefront['customer']>, orderId: string, cardNumber = GOOD_CARD) =>
    eventually(
      async () => {
        const { processPayment } = await shopper.sdk.ProcessPayment({
          input: { orderId, paymentMethod: { cardNumber }, idempotencyKey: randomUUID() },
        });
        return processPayment.payment;
      },
      15_000,
      'a payment',
    );

  beforeAll(async () => {
    stack = await startStack({ namespace: uniqueSuiteName('resume'), gatewayEnv: { GATEWAY_METRICS: 'true' } });
    store = new Storefront(stack);
    productId = await store.product('Walnut tray', 20, 3100);
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    if (stack) await dropDatabases(stack.databaseNames);
  });

  it('sends a resumed subscriber exactly what it missed, in order, then live pushes, all answered from the events', async () => {
    const shopper = store.customer();
    const order = await store.placeOrder(shopper.sdk, [{ productId, quantity: 1 }]);
    const executionsBefore = await metric('gateway_subscription_event_executions_total');
    const fromEventBefore = await metric('gateway_subscription_pushes_from_event_total');
    const statusesOf = (feed: { results: Followed[] }) => feed.results.map((result) => result.orderStatusChanged.status);

    // a subscriber that stays connected throughout: what the resumed one must match
    const control = await subscribe<Followed>(stack.wsUrl, shopper.token, FOLLOW, { orderId: order.id }, store.storeId);
    const first = await subscribe<Followed>(stack.wsUrl, shopper.token, FOLLOW, { orderId: order.id }, store.storeId);
    expect(first.listeningCursor).toEqual(expect.any(String));
    expect(await pay(shopper, order.id, DECLINED_CARD)).toMatchObject({ status: 'FAILED' });
    // the push saying the card was declined is the last one this subscriber takes before it goes away
    await eventually(async () => statusesOf(first).includes('PAYMENT_FAILED'), 20_000, 'the PAYMENT_FAILED push');
    const seenAt = statusesOf(first).indexOf('PAYMENT_FAILED');
    const cursor = first.cursors[seenAt];
    first.close();

    // what happens while it is away: a retry with a good card is charged and the order confirmed
    expect(await pay(shopper, order.id, GOOD_CARD)).toMatchObject({ status: 'SUCCEEDED' });
    await store.orderUntil(order.id, (current) => current.status === 'CONFIRMED', 'the order to be confirmed');
    await eventually(async () => statusesOf(control).includes('CONFIRMED'), 20_000, 'the CONFIRMED push to the subscriber that stayed');
    const missedByFirst = control.results.slice(statusesOf(control).indexOf('PAYMENT_FAILED') + 1);
    // PAYMENT_PENDING then CONFIRMED, or CONFIRMED alone when orders hears of the success before the initiation
    // (separate consumers; one status event per transaction then goes from PAYMENT_FAILED straight to CONFIRMED)
    const missedStatuses = statusesOf({ results: missedByFirst });
    expect([['PAYMENT_PENDING', 'CONFIRMED'], ['CONFIRMED']]).toContainEqual(missedStatuses);

    const resumed = await subscribe<Followed>(stack.wsUrl, shopper.token, FOLLOW, { orderId: order.id }, store.storeId, { after: cursor });
    try {
      const missed = await resumed.until(missedByFirst.length, 'the missed pushes');
      expect(missed).toEqual(missedByFirst);

      // then live ones, on the same subscription
      await store.merchant.DispatchOrder({ input: { orderId: order.id, carrier: 'UPS', trackingNumber: '1Z999AA10123456784' } });
      await store.merchant.CompleteOrder({ input: { orderId: order.id } });
      await eventually(async () => statusesOf(control).includes('COMPLETED'), 20_000, 'the COMPLETED push to the subscriber that stayed');
      const all = await resumed.until(missedByFirst.length + 2, 'the live pushes after the missed ones');
      // each step once, in order: a repeat or a gap would show here
      expect(statusesOf({ results: all })).toEqual([...missedStatuses, 'FULFILLED', 'COMPLETED']);
      expect(all).toEqual(control.results.slice(statusesOf(control).indexOf('PAYMENT_FAILED') + 1));
      // the same event has the same cursor whoever is pushed it
      expect(resumed.cursors).toEqual(control.cursors.slice(statusesOf(control).indexOf('PAYMENT_FAILED') + 1));
      expect(resumed.errors).toEqual([]);
    } finally {
      resumed.close();
      control.close();
    }
    // `{ id status }` is in every status event: no supergraph execution for any of these pushes
    expect(await metric('gateway_subscription_event_executions_total')).toBe(executionsBefore);
    expect(await metric('gateway_subscription_pushes_from_event_total')).toBeGreaterThan(fromEventBefore);
  });

  it('resumes only for someone who may follow the order, and refuses a cursor it never gave', async () => {
    const shopper = store.customer();
    const order = await store.placeOrder(shopper.sdk, [{ productId, quantity: 1 }]);
    const own = await subscribe<Followed>(stack.wsUrl, shopper.token, FOLLOW, { orderId: order.id }, store.storeId);
    own.close();

    const stranger = store.customer();
    const refused = await subscribe<Followed>(stack.wsUrl, stranger.token, FOLLOW, { orderId: order.id }, store.storeId, { after: own.listeningCursor! });
    expect(JSON.stringify(refused.errors)).toMatch(/NOT_FOUND/);
    expect(refused.results).toEqual([]);
    refused.close();

    const forged = await subscribe<Followed>(stack.wsUrl, shopper.token, FOLLOW, { orderId: order.id }, store.storeId, {
      after: Buffer.from('v1:SOMEONE_ELSES_ORDERS:1').toString('base64url'),
    });
    expect(JSON.stringify(forged.errors)).toMatch(/BAD_USER_INPUT/);
    forged.close();
  });

  it('refuses with CURSOR_EXPIRED a cursor older than what the stream still keeps', async () => {
    const shopper = store.customer();
    const order = await store.placeOrder(shopper.sdk, [{ productId, quantity: 1 }]);
    const first = await subscribe<Followed>(stack.wsUrl, shopper.token, FOLLOW, { orderId: order.id }, store.storeId);
    // the cursor from before anything happened to the order: its payment's events come after it
    const cursor = first.listeningCursor!;
    first.close();
    await pay(shopper, order.id);
    await store.orderUntil(order.id, (current) => current.status === 'CONFIRMED', 'the order to be confirmed');

    // retention drops everything but the last event, as max_age or max_bytes would with time
    const nats = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
    try {
      const jsm = await nats.jetstreamManager();
      await jsm.streams.purge(new EventNames(stack.namespace).stream('orders'), { keep: 1 });
    } finally {
      await nats.close();
    }
    const expired = await subscribe<Followed>(stack.wsUrl, shopper.token, FOLLOW, { orderId: order.id }, store.storeId, { after: cursor });
    expect(JSON.stringify(expired.errors)).toMatch(/CURSOR_EXPIRED/);
    expect(expired.results).toEqual([]);
    expired.close();
  });
});
