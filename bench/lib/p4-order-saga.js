'use strict';
/**
 * P4: orders taken from placeOrder to CONFIRMED per second through the gateway, against pgbench running
 * the equivalent SQL (bench/sql/place-order.pgbench.sql) in the same run, plus placeOrder's latency.
 *
 * Saga side: `shoppers` concurrent shoppers, each its own customer with its own graphql-ws connection,
 * loop for a fixed window: placeOrder (timed) → subscribe to orderStatusChanged(order) → processPayment
 * → wait for the CONFIRMED push. The rate counts orders whose CONFIRMED push arrived inside the window;
 * orders still in flight when it closes are finished (and checked) but not counted. Should a push not
 * arrive within FALLBACK_AFTER_MS of the payment's answer, the shopper polls `order(id) { status }`
 * instead (counted in `fallbacks`; the subscription is set up long before CONFIRMED, so this is a
 * safety net, not the method).
 * pgbench side: `clients` connections, one script run = one order CONFIRMED, so its tps is orders/s.
 * Rounds alternate saga, pgbench, saga, … after a warm-up of each; the ratio is the median of rounds.
 */
const { median } = require('./rounds');
const { Shopper, randomItems, percentiles } = require('./saga');
const { createPgbenchDatabase, findPgbench, runPgbench, SCRIPT } = require('./pgbench');

const FALLBACK_AFTER_MS = 3000;
const CONFIRM_TIMEOUT_MS = 20000;
const GOAL = { rateRatioAtLeast: 0.15, placeOrderP95AtMostMs: 50 };

/** One order through the saga; resolves to its timings, throws on any error. */
async function oneOrder(shopper, products) {
  const connection = shopper.live();
  const started = performance.now();
  const order = await shopper.placeOrder(randomItems(products));
  const placed = performance.now();
  let confirmedAt;
  let resolveConfirmed;
  const confirmed = new Promise((resolve) => (resolveConfirmed = resolve));
  const unsubscribe = connection.follow(order.id, (status, at) => {
    if (status === 'CONFIRMED' && confirmedAt === undefined) {
      confirmedAt = at;
      resolveConfirmed();
    }
  });
  let fallback = false;
  try {
    await shopper.pay(order.id);
    const paid = performance.now();
    const timer = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());
    await Promise.race([confirmed, timer(FALLBACK_AFTER_MS)]);
    connection.check();
    if (confirmedAt === undefined) {
      fallback = true;
      const polledAt = await shopper.pollUntil(order.id, 'CONFIRMED', CONFIRM_TIMEOUT_MS - FALLBACK_AFTER_MS, 200);
      confirmedAt ??= polledAt;
    }
    return { placeOrderMs: placed - started, payMs: paid - placed, cycleMs: confirmedAt - started, confirmedAt, fallback };
  } finally {
    unsubscribe();
  }
}

/** One saga window: every shopper loops until `seconds` have passed; the first error stops everyone and is thrown. */
async function sagaRun({ shoppers, products, seconds, title, probe }) {
  const before = await probe?.snapshot();
  const start = performance.now();
  const end = start + seconds * 1000;
  const done = [];
  let failure;
  await Promise.all(
    shoppers.map(async (shopper) => {
      while (failure === undefined && performance.now() < end) {
        try {
          done.push(await oneOrder(shopper, products));
        } catch (error) {
          failure ??= error;
        }
      }
    }),
  );
  if (failure) throw new Error(`${title}: ${failure.message}`);
  const counted = done.filter((order) => order.confirmedAt <= end);
  const result = {
    title,
    orders: counted.length,
    ordersFinishedAfterWindow: done.length - counted.length,
    rate: counted.length / seconds,
    placeOrder: percentiles(done.map((order) => order.placeOrderMs)),
    processPayment: percentiles(done.map((order) => order.payMs)),
    placeToConfirmed: percentiles(done.map((order) => order.cycleMs)),
    fallbacks: done.filter((order) => order.fallback).length,
    errors: 0,
  };
  if (probe && done.length > 0) {
    result.perOrder = probe.perRequest(before, await probe.snapshot(), done.length);
    result.cpuMsTotal = Math.round(Object.values(result.perOrder.cpuMs).reduce((sum, ms) => sum + ms, 0) * 1000) / 1000;
  }
  return result;
}

async function runP4({ gatewayUrl, wsUrl, keys, root, storeId, products, pgbenchDatabase, config, probe, log }) {
  const { p4 } = config;
  const bin = findPgbench();
  await createPgbenchDatabase(pgbenchDatabase, products.length);
  const pgbench = (seconds, title) =>
    runPgbench({ bin, database: pgbenchDatabase, products: products.length, clients: p4.pgbenchClients, threads: p4.pgbenchThreads, seconds, title });
  const shoppers = Array.from({ length: p4.shoppers }, () => new Shopper({ gatewayUrl, wsUrl, keys, root, storeId }));
  try {
    await Promise.all(shoppers.map((shopper) => shopper.live().connected));
    const saga = (seconds, title) => sagaRun({ shoppers, products, seconds, title, probe });

    const warm = { saga: await saga(config.warmupSeconds, 'saga warm-up'), pgbench: await pgbench(config.warmupSeconds, 'pgbench warm-up') };
    const rounds = [];
    for (let round = 1; round <= p4.rounds; round += 1) {
      const a = await saga(p4.durationSeconds, `saga #${round}`);
      const b = await pgbench(p4.durationSeconds, `pgbench #${round}`);
      rounds.push({ round, saga: a, pgbench: b, rateRatio: a.rate / b.rate });
      log(
        `  round ${round}: saga ${a.rate.toFixed(1)} orders/s (placeOrder p95 ${a.placeOrder.p95} ms, place→CONFIRMED p50 ${a.placeToConfirmed.p50} ms), pgbench ${b.rate.toFixed(1)} orders/s, ratio ${(a.rate / b.rate).toFixed(3)}`,
      );
    }
    const sagaRuns = rounds.map((r) => r.saga);
    const rateRatio = median(rounds.map((r) => r.rateRatio));
    const placeOrderP95 = median(sagaRuns.map((r) => r.placeOrder.p95));
    const summary = {
      saga: {
        rate: median(sagaRuns.map((r) => r.rate)),
        orders: sagaRuns.reduce((sum, r) => sum + r.orders, 0),
        placeOrderP50: median(sagaRuns.map((r) => r.placeOrder.p50)),
        placeOrderP95,
        placeOrderP99: median(sagaRuns.map((r) => r.placeOrder.p99)),
        placeToConfirmedP50: median(sagaRuns.map((r) => r.placeToConfirmed.p50)),
        fallbacks: sagaRuns.reduce((sum, r) => sum + r.fallbacks, 0),
        cpuMsPerOrder: sagaRuns[0].cpuMsTotal === undefined ? undefined : median(sagaRuns.map((r) => r.cpuMsTotal)),
      },
      pgbench: {
        rate: median(rounds.map((r) => r.pgbench.rate)),
        orders: rounds.reduce((sum, r) => sum + r.pgbench.orders, 0),
        latencyAverageMs: median(rounds.map((r) => r.pgbench.latencyAverageMs)),
      },
    };
    return {
      id: 'P4',
      method: {
        shoppers: p4.shoppers,
        pgbenchClients: p4.pgbenchClients,
        pgbenchThreads: p4.pgbenchThreads,
        pgbenchScript: SCRIPT.slice(root.length + 1),
        roundSeconds: p4.durationSeconds,
        rounds: p4.rounds,
        placeOrderLatency: 'client-side, from sending the placeOrder POST to its parsed answer',
      },
      goal: GOAL,
      met: rateRatio >= GOAL.rateRatioAtLeast && placeOrderP95 <= GOAL.placeOrderP95AtMostMs,
      rateRatio,
      ...summary,
      warmUp: warm,
      rounds,
    };
  } finally {
    await Promise.all(shoppers.map((shopper) => shopper.close()));
  }
}

module.exports = { runP4 };
