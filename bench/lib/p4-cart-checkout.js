'use strict';
/**
 * P4 on the cart path: add 3 lines → address → shipping rate → review → completeCheckout → pay →
 * CONFIRMED, per second through the gateway, against the same pgbench baseline as P4 (one script run =
 * one order CONFIRMED), in the same run; plus completeCheckout's latency and the SQL statements one
 * completeCheckout costs across every subgraph.
 *
 * Saga side: as P4 (`p4-order-saga.js`), each shopper a signed-in customer with its own graphql-ws
 * connection, looping for a fixed window; the rate counts orders whose CONFIRMED push arrived inside it.
 * The shipping rate is the one shipping offers the cart (`Cart.availableShippingRates`, through
 * federation), the review's total is passed to completeCheckout as `expectedTotal`, and the order's
 * total is checked to equal it to the minor unit.
 *
 * Statements: N sequential checkouts of one shopper; for each, every service's `db_statements_total`
 * (request and background) is read right before completeCheckout and again once every durable consumer
 * is idle (orders recording the order, inventory reserving it, payments', customers' and accounts' read
 * models…), so the count is everything one completeCheckout causes; an idle window as long as the
 * measurement is subtracted (outbox relays' and jobs' own polling). The cart steps before it are counted
 * apart.
 */
const { randomInt, randomUUID } = require('node:crypto');
const { median } = require('./rounds');
const { Shopper, payAndConfirm, percentiles, post, sleep } = require('./saga');
const { createPgbenchDatabase, findPgbench, runPgbench } = require('./pgbench');
const { ConsumersIdle } = require('./consumers-idle');
const { graphql } = require('./graphql-client');
const { seedShipping } = require('../../scripts/lib/seed/shipping');

const FALLBACK_AFTER_MS = 3000;
const CONFIRM_TIMEOUT_MS = 20000;
const STATEMENT_CHECKOUTS = 10;
/** Saleor's checkoutComplete runs about 230 statements; ours should be a small fraction of that. */
const GOAL = { rateRatioAtLeast: 0.1, completeCheckoutStatementsAtMost: 60 };

const ADDRESS = { firstName: 'Ada', lastName: 'Lovelace', line1: '12 Analytical Way', city: 'London', postalCode: 'N1 9GU', countryCode: 'GB' };
const MONEY = 'amount currencyCode';
const CART_FIELDS = `id total { ${MONEY} }`;

const CREATE_CART = `mutation BenchCreateCart($input: CreateCartInput!) {
  createCart(input: $input) { cart { id } userErrors { code field message } }
}`;
const ADD_LINES = `mutation BenchAddLines($input: AddCartLinesInput!) {
  addCartLines(input: $input) { cart { ${CART_FIELDS} } userErrors { code field message } }
}`;
const SET_ADDRESS = `mutation BenchSetAddress($input: SetCartAddressesInput!) {
  setCartAddresses(input: $input) { cart { ${CART_FIELDS} availableShippingRates { id price { ${MONEY} } } } userErrors { code field message } }
}`;
const SELECT_RATE = `mutation BenchSelectRate($input: SelectCartShippingRateInput!) {
  selectCartShippingRate(input: $input) { cart { ${CART_FIELDS} } userErrors { code field message } }
}`;
const REVIEW = `mutation BenchReview($input: ReviewCheckoutInput!) {
  reviewCheckout(input: $input) { readyToComplete cart { ${CART_FIELDS} } userErrors { code field message } }
}`;
const COMPLETE = `mutation BenchComplete($input: CompleteCheckoutInput!) {
  completeCheckout(input: $input) { orderId order { id status total { ${MONEY} } } userErrors { code field message } }
}`;

/** The bench store ships to the shoppers' country: a flat rate, as the demo store's "Standard" (free over 50.00). */
const BENCH_SHIPPING = [
  {
    name: 'United Kingdom',
    regions: [{ countryCode: 'GB' }],
    methods: [{ name: 'Standard', currencyCode: 'USD', rate: { kind: 'FLAT', amount: 599 }, freeOverSubtotal: 5000 }],
  },
];

/** Creates the bench store's shipping zone and method (through the gateway, as the merchant); cart hears of them by event. */
function seedBenchShipping(gatewayUrl, merchantToken) {
  return seedShipping((query, variables) => graphql(gatewayUrl, query, variables, merchantToken), BENCH_SHIPPING);
}

/** A signed-in shopper who checks out through a cart. */
class CartShopper extends Shopper {
  async mutate(query, field, input) {
    const data = await this.post(query, { input }, field);
    const payload = data[field];
    if (payload.userErrors.length > 0) throw new Error(`${field}: ${JSON.stringify(payload.userErrors)}`);
    return payload;
  }

  post(query, variables, what) {
    return post(this.gatewayUrl, query, variables, this.headers, what);
  }

  /** The cart steps up to a reviewed cart ready to complete; answers the cart id and the reviewed total. */
  async prepareCart(variantIds) {
    const { cart } = await this.mutate(CREATE_CART, 'createCart', { email: this.email });
    const target = { cartId: cart.id };
    await this.mutate(ADD_LINES, 'addCartLines', { ...target, lines: variantIds.map((variantId) => ({ variantId, quantity: 1 + randomInt(2) })) });
    const addressed = await this.mutate(SET_ADDRESS, 'setCartAddresses', { ...target, shippingAddress: ADDRESS });
    const [rate] = addressed.cart.availableShippingRates;
    if (!rate) throw new Error(`cart ${cart.id}: shipping offers no rate for ${ADDRESS.countryCode}`);
    await this.mutate(SELECT_RATE, 'selectCartShippingRate', { ...target, rateId: rate.id });
    const review = await this.mutate(REVIEW, 'reviewCheckout', target);
    if (!review.readyToComplete) throw new Error(`cart ${cart.id}: review not ready to complete`);
    return { cartId: cart.id, total: review.cart.total };
  }

  /** completeCheckout with the reviewed total; answers the order (waited for when orders answered late). */
  async complete({ cartId, total }) {
    const payload = await this.mutate(COMPLETE, 'completeCheckout', { cartId, idempotencyKey: randomUUID(), expectedTotal: total });
    const order = payload.order ?? { id: payload.orderId };
    if (payload.order && payload.order.total.amount !== total.amount) {
      throw new Error(`order ${order.id} totals ${payload.order.total.amount}, the review said ${total.amount}`);
    }
    return order;
  }
}

const threeVariants = (products) => Array.from({ length: 3 }, () => products[randomInt(products.length)].id).filter((id, i, all) => all.indexOf(id) === i);

/** One order through the cart path; resolves to its timings, throws on any error. */
async function oneCheckout(shopper, products) {
  const connection = shopper.live();
  const started = performance.now();
  const cart = await shopper.prepareCart(threeVariants(products));
  const reviewed = performance.now();
  const order = await shopper.complete(cart);
  const completed = performance.now();
  const { confirmedAt, fallback } = await payAndConfirm(shopper, connection, order.id, {
    fallbackAfterMs: FALLBACK_AFTER_MS,
    confirmTimeoutMs: CONFIRM_TIMEOUT_MS,
  });
  return { cartStepsMs: reviewed - started, completeMs: completed - reviewed, cycleMs: confirmedAt - started, confirmedAt, fallback };
}

async function cartSagaRun({ shoppers, products, seconds, title }) {
  const start = performance.now();
  const end = start + seconds * 1000;
  const done = [];
  let failure;
  await Promise.all(
    shoppers.map(async (shopper) => {
      while (failure === undefined && performance.now() < end) {
        try {
          done.push(await oneCheckout(shopper, products));
        } catch (error) {
          failure ??= error;
        }
      }
    }),
  );
  if (failure) throw new Error(`${title}: ${failure.message}`);
  const counted = done.filter((order) => order.confirmedAt <= end);
  return {
    title,
    orders: counted.length,
    ordersFinishedAfterWindow: done.length - counted.length,
    rate: counted.length / seconds,
    cartSteps: percentiles(done.map((order) => order.cartStepsMs)),
    completeCheckout: percentiles(done.map((order) => order.completeMs)),
    cartToConfirmed: percentiles(done.map((order) => order.cycleMs)),
    fallbacks: done.filter((order) => order.fallback).length,
  };
}

/** Every service's statements (request + background), by service. */
async function statementTotals(services) {
  const entries = await Promise.all(
    // the subgraphs: each counts its statements on /metrics (the gateway sends none)
    Object.entries(services)
      .filter(([, service]) => service.metricsUrl)
      .map(async ([name, service]) => {
        const text = await (await fetch(service.metricsUrl)).text();
        const total = text
          .split('\n')
          .filter((line) => line.startsWith('db_statements_total{'))
          .reduce((sum, line) => sum + Number(line.trim().split(/\s+/).pop()), 0);
        return [name, total];
      }),
  );
  return Object.fromEntries(entries);
}

const difference = (after, before) => Object.fromEntries(Object.keys(after).map((name) => [name, after[name] - before[name]]));
const total = (counts) => Object.values(counts).reduce((sum, count) => sum + count, 0);

/** What one completeCheckout costs across every subgraph, and the cart steps before it, median of N. */
async function completeCheckoutStatements({ shopper, products, services, idle }) {
  const perCheckout = [];
  const cartSteps = [];
  let measuredMs = 0;
  for (let i = 0; i < STATEMENT_CHECKOUTS; i += 1) {
    await idle.wait();
    const beforeCart = await statementTotals(services);
    const cart = await shopper.prepareCart(threeVariants(products));
    await idle.wait();
    const before = await statementTotals(services);
    const started = performance.now();
    await shopper.complete(cart);
    await idle.wait();
    const after = await statementTotals(services);
    measuredMs += performance.now() - started;
    cartSteps.push(total(difference(before, beforeCart)));
    perCheckout.push(difference(after, before));
  }
  // the same length of time with nothing asked: what background polling costs meanwhile
  const idleBefore = await statementTotals(services);
  await sleep(measuredMs);
  const idleWindow = total(difference(await statementTotals(services), idleBefore));
  const byService = Object.fromEntries(Object.keys(perCheckout[0]).map((name) => [name, median(perCheckout.map((counts) => counts[name]))]));
  return {
    checkouts: STATEMENT_CHECKOUTS,
    completeCheckout: median(perCheckout.map(total)) - idleWindow / STATEMENT_CHECKOUTS,
    byService,
    idleWindowStatements: idleWindow,
    cartStepsBefore: median(cartSteps),
  };
}

async function runP4Cart({ gatewayUrl, wsUrl, keys, root, storeId, products, services, pgbenchDatabase, createBaseline, namespace, config, log }) {
  const { p4 } = config;
  const bin = findPgbench();
  if (createBaseline) await createPgbenchDatabase(pgbenchDatabase, products.length);
  const idle = new ConsumersIdle(namespace);
  const pgbench = async (seconds, title) => {
    await idle.wait();
    return runPgbench({ bin, database: pgbenchDatabase, products: products.length, clients: p4.pgbenchClients, threads: p4.pgbenchThreads, seconds, title });
  };
  const shoppers = Array.from({ length: p4.shoppers }, () => new CartShopper({ gatewayUrl, wsUrl, keys, root, storeId }));
  const counter = new CartShopper({ gatewayUrl, wsUrl, keys, root, storeId });
  try {
    await Promise.all(shoppers.map((shopper) => shopper.live().connected));
    const statements = await completeCheckoutStatements({ shopper: counter, products, services, idle });
    log(
      `  completeCheckout: ${statements.completeCheckout} SQL statements across every subgraph (median of ${statements.checkouts}; the cart steps before it ${statements.cartStepsBefore})`,
    );
    const saga = (seconds, title) => cartSagaRun({ shoppers, products, seconds, title });
    const warm = { saga: await saga(config.warmupSeconds, 'cart warm-up'), pgbench: await pgbench(config.warmupSeconds, 'pgbench warm-up') };
    const rounds = [];
    for (let round = 1; round <= p4.rounds; round += 1) {
      const a = await saga(p4.durationSeconds, `cart #${round}`);
      const b = await pgbench(p4.durationSeconds, `pgbench #${round}`);
      rounds.push({ round, saga: a, pgbench: b, rateRatio: a.rate / b.rate });
      log(
        `  round ${round}: cart path ${a.rate.toFixed(1)} orders/s (completeCheckout p95 ${a.completeCheckout.p95} ms, cart→CONFIRMED p50 ${a.cartToConfirmed.p50} ms), pgbench ${b.rate.toFixed(1)} orders/s, ratio ${(a.rate / b.rate).toFixed(3)}`,
      );
    }
    const runs = rounds.map((r) => r.saga);
    const rateRatio = median(rounds.map((r) => r.rateRatio));
    return {
      id: 'P4-cart',
      method: {
        shoppers: p4.shoppers,
        path: 'createCart → addCartLines (3 variants) → setCartAddresses → selectCartShippingRate → reviewCheckout → completeCheckout → processPayment → CONFIRMED push',
        pgbenchClients: p4.pgbenchClients,
        roundSeconds: p4.durationSeconds,
        rounds: p4.rounds,
        statements: 'db_statements_total of every service (request + background), before completeCheckout to consumers idle, minus an idle window',
      },
      goal: GOAL,
      met: rateRatio >= GOAL.rateRatioAtLeast && statements.completeCheckout <= GOAL.completeCheckoutStatementsAtMost,
      rateRatio,
      saga: {
        rate: median(runs.map((r) => r.rate)),
        orders: runs.reduce((sum, r) => sum + r.orders, 0),
        completeCheckoutP50: median(runs.map((r) => r.completeCheckout.p50)),
        completeCheckoutP95: median(runs.map((r) => r.completeCheckout.p95)),
        cartStepsP50: median(runs.map((r) => r.cartSteps.p50)),
        cartToConfirmedP50: median(runs.map((r) => r.cartToConfirmed.p50)),
        fallbacks: runs.reduce((sum, r) => sum + r.fallbacks, 0),
      },
      pgbench: { rate: median(rounds.map((r) => r.pgbench.rate)) },
      statements,
      warmUp: warm,
      rounds,
    };
  } finally {
    await Promise.all([...shoppers, counter].map((shopper) => shopper.close()));
    await idle.close();
  }
}

module.exports = { runP4Cart, seedBenchShipping };
