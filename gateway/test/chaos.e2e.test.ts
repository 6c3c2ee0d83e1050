import { randomInt, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { dropDatabases, startStack, type Stack } from '../../scripts/lib/stack';
import { PrivateNatsServer } from '../../subgraphs/kit/test/support/private-nats-server';
import { uniqueSuiteName } from '../../subgraphs/kit/test/support/test-names';
import { SHIPPING_ADDRESS, Storefront, type Sdk } from './support/storefront';
import { deadLetters, orderIdsOfStore, paymentsByOrder } from './support/settlement-records';
import { ProxyThread } from './support/proxy-thread';

/** How long PostgreSQL is unreachable, mid-checkout: longer than a consumer's old 5 deliveries in ~3 s. */
const DATABASE_OUTAGE_MS = 15_000;
/** How long NATS stays dead after its SIGKILL. */
const NATS_OUTAGE_MS = 10_000;
const SHOPPERS = 6;
const INITIAL_STOCK = 500;
const GOOD_CARD = '4242424242424242';
/** A shopper retries one step (same idempotency key) for this long: outlasts either outage. */
const STEP_DEADLINE_MS = 45_000;
/** How long every order gets to settle once the faults are over. */
const SETTLE_TIMEOUT_MS = 40_000;
/** Time between one shopper's checkouts: keeps checkouts going through both outages without piling up orders. */
const CHECKOUT_PACE_MS = 400;

/** A refusal a retry cannot change: the scenario has gone wrong, stop. */
class Refused extends Error {}

/**
 * Repeats `attempt` (which must be safe to repeat: same idempotency key) until it gives a value, while
 * its errors are those of a service that cannot reach its database or NATS. A `Refused` is final.
 */
async function retried<T>(what: string, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + STEP_DEADLINE_MS;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      if (error instanceof Refused) throw error;
      last = error;
    }
    await sleep(250);
  }
  throw new Error(`${what} did not succeed within ${STEP_DEADLINE_MS} ms${last ? `: ${(last as Error).message.slice(0, 300)}` : ''}`);
}

/** Polls `condition` every 100 ms; fails after `timeoutMs`. */
async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * Faults in the middle of checkouts, through the gateway: PostgreSQL unreachable for 15 s (a TCP
 * proxy in front of the machine's server, which is shared), then NATS SIGKILLed for 10 s and restarted
 * on the same port and store (a server of the suite's own). Every order must end CONFIRMED, or
 * CANCELLED with its money given back; stock exact; no event dead-lettered; no order charged twice.
 */
describe('checkouts through a database outage and a NATS crash', () => {
  let stack: Stack;
  let store: Storefront;
  const nats = new PrivateNatsServer();
  // the kit's TcpProxy in front of the machine's PostgreSQL, on a thread of its own (see ProxyThread)
  const database = new ProxyThread();
  const namespace = uniqueSuiteName('chaos');

  beforeAll(async () => {
    await nats.start();
    await database.start();
    // many shoppers from one address checking out for a minute: the query-cost budgets are not what this suite is about
    const unthrottled = {
      RATE_LIMIT_USER_BUCKET: '1000000',
      RATE_LIMIT_USER_RESTORE_RATE: '100000',
      RATE_LIMIT_ANONYMOUS_BUCKET: '1000000',
      RATE_LIMIT_ANONYMOUS_RESTORE_RATE: '100000',
    };
    stack = await startStack({
      namespace,
      env: { ...unthrottled, NATS_URL: nats.url, DATABASE_HOST: '127.0.0.1', DATABASE_PORT: String(database.port) },
    });
    store = new Storefront(stack);
  }, 120_000);

  afterAll(async () => {
    await database.resume();
    await stack?.stop();
    // straight to the server, not through the proxy
    if (stack) await dropDatabases(stack.databaseNames);
    await database.stop();
    // its streams go with its store directory
    await nats.destroy();
  });

  it('settles every order: CONFIRMED, or CANCELLED and refunded; stock exact; no dead letter; no double charge', async () => {
    const products = [await store.product('Chaos kettle', INITIAL_STOCK), await store.product('Chaos teapot', INITIAL_STOCK)];
    const lines = new Map<string, { productId: string; quantity: number }>();
    let stopShopping = false;

    const checkout = async (sdk: Sdk, email: string) => {
      const line = { productId: products[randomInt(products.length)], quantity: 1 + randomInt(2) };
      const orderKey = randomUUID();
      const order = await retried('placeOrder', async () => {
        const { placeOrder } = await sdk.PlaceOrder({ input: { items: [line], email, shippingAddress: SHIPPING_ADDRESS, idempotencyKey: orderKey } });
        if (placeOrder.userErrors.length > 0) throw new Refused(`placeOrder: ${JSON.stringify(placeOrder.userErrors)}`);
        // null: cart checked out but orders has not answered in time (NATS down); the same key answers the order once it exists
        return placeOrder.order ?? undefined;
      });
      lines.set(order.id, line);
      const paymentKey = randomUUID();
      await retried(`processPayment(${order.id})`, async () => {
        const { processPayment } = await sdk.ProcessPayment({
          input: { orderId: order.id, paymentMethod: { cardNumber: GOOD_CARD }, idempotencyKey: paymentKey },
        });
        const codes = processPayment.userErrors.map((error) => error.code);
        if (codes.length === 0 && processPayment.payment?.status === 'FAILED') throw new Refused(`processPayment(${order.id}): the payment FAILED`);
        if (codes.length === 0) return processPayment.payment?.status === 'SUCCEEDED' ? 'paid' : undefined;
        // not payable: for good once the order is CANCELLED (the ledger check below finds whether money moved);
        // while it is open, its reservation has not reached payments yet, and the shopper tries again
        if (codes.includes('ORDER_NOT_PAYABLE')) return (await sdk.OrderById({ id: order.id })).order?.status === 'CANCELLED' ? 'not payable' : undefined;
        // payments has not heard of the order yet (NATS down), or the same payment is still being settled
        if (codes.every((code) => ['ORDER_NOT_FOUND', 'PAYMENT_IN_PROGRESS', 'PAYMENT_PENDING'].includes(code))) return undefined;
        throw new Refused(`processPayment(${order.id}): ${JSON.stringify(processPayment.userErrors)}`);
      });
    };

    const shopper = async (index: number) => {
      const { sdk } = store.customer();
      // each shopper their own address
      const email = `chaos-${index}-${randomUUID().slice(0, 8)}@example.com`;
      while (!stopShopping) {
        await checkout(sdk, email);
        await sleep(CHECKOUT_PACE_MS);
      }
    };

    const faults = async () => {
      await until(() => lines.size >= SHOPPERS, 30_000, 'the first checkouts');
      await database.pause();
      await sleep(DATABASE_OUTAGE_MS);
      await database.resume();
      const afterDatabase = lines.size;
      await until(() => lines.size >= afterDatabase + SHOPPERS, STEP_DEADLINE_MS, 'checkouts after the database came back');
      await nats.kill();
      await sleep(NATS_OUTAGE_MS);
      await nats.start();
      const afterNats = lines.size;
      await until(() => lines.size >= afterNats + SHOPPERS, STEP_DEADLINE_MS, 'checkouts after NATS came back');
    };

    // the faults' end or the first failure stops every shopper; all are awaited before a failure is reported
    const stoppingShoppers = async (work: Promise<void>) => {
      try {
        await work;
      } finally {
        stopShopping = true;
      }
    };
    const outcomes = await Promise.allSettled([
      stoppingShoppers(faults()),
      ...Array.from({ length: SHOPPERS }, (_, index) => stoppingShoppers(shopper(index))),
    ]);
    const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;

    // bounded wait for every order to settle; what is still unsettled then is reported by the assertions
    const orderIds = [...lines.keys()];
    const statuses = new Map<string, string>();
    const settled = (status: string | undefined) => status === 'CONFIRMED' || status === 'CANCELLED';
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    while (Date.now() < deadline && !orderIds.every((id) => settled(statuses.get(id)))) {
      for (const id of orderIds.filter((candidate) => !settled(statuses.get(candidate)))) {
        const { order } = await store.merchant.OrderById({ id });
        if (order) statuses.set(id, order.status);
      }
      await sleep(250);
    }

    // no event was given up on
    expect(await deadLetters(nats.url, namespace)).toEqual([]);
    // every order settled
    expect(orderIds.filter((id) => !settled(statuses.get(id))).map((id) => ({ id, status: statuses.get(id) }))).toEqual([]);
    // orders holds the orders the shoppers were told of, and no other (no half-written or duplicate checkout)
    const databaseOf = (name: string) => stack.databaseNames.find((candidate) => candidate.endsWith(`_${name}`))!;
    expect(await orderIdsOfStore(databaseOf('orders'), store.storeId)).toEqual([...orderIds].sort());

    // money: one charge per CONFIRMED order and no refund; a CANCELLED order charged at most once and refunded if so
    const ledger = await paymentsByOrder(databaseOf('payments'), store.storeId);
    const wrong = orderIds.flatMap((id) => {
      const status = statuses.get(id);
      const { charges, refunds, paymentStatuses } = ledger.get(id) ?? { charges: 0, refunds: 0, paymentStatuses: [] as string[] };
      const right = status === 'CONFIRMED' ? charges === 1 && refunds === 0 : charges <= 1 && refunds === charges;
      return right && !paymentStatuses.includes('PENDING') ? [] : [{ id, status, charges, refunds, paymentStatuses }];
    });
    expect(wrong).toEqual([]);
    expect([...ledger.keys()].filter((id) => !lines.has(id))).toEqual([]);
    expect(orderIds.some((id) => statuses.get(id) === 'CONFIRMED')).toBe(true);

    // stock: what the CONFIRMED orders took and nothing else, no reservation left behind
    const expected = products.map((productId) => {
      const sold = orderIds
        .filter((id) => statuses.get(id) === 'CONFIRMED' && lines.get(id)!.productId === productId)
        .reduce((sum, id) => sum + lines.get(id)!.quantity, 0);
      return { productId, stock: INITIAL_STOCK - sold, onHand: INITIAL_STOCK - sold, reserved: 0 };
    });
    const stockNow = async () => Promise.all(products.map(async (productId) => ({ productId, ...(await store.stock(productId)) })));
    // a cancelled order's reservation is released by inventory on its event: give that a bounded moment
    let stock = await stockNow();
    const stockDeadline = Date.now() + 15_000;
    while (JSON.stringify(stock) !== JSON.stringify(expected) && Date.now() < stockDeadline) {
      await sleep(250);
      stock = await stockNow();
    }
    expect(stock).toEqual(expected);
  }, 150_000);
});
