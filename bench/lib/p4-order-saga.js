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
 * pgbench side: `clients` connections as the application role under row-level security, one script run =
 * one order CONFIRMED, so its tps is orders/s. Each pgbench run starts only once the saga's consumers are
 * idle (ConsumersIdle), so it does not share the machine with the previous saga round's tail.
 * Rounds alternate saga, pgbench, saga, … after a warm-up of each; the ratio is the median of rounds.
 * CPU per order: every process of the stack, the PostgreSQL backends of its databases, and apart, the
 * servers shared with the rest of the machine (NATS, Redis, PostgreSQL's background processes).
 */
const { median } = require('./rounds');
const { Shopper, payAndConfirm, randomItems, percentiles } = require('./saga');
const { createPgbenchDatabase, findPgbench, runPgbench, SCRIPT } = require('./pgbench');
const { ConsumersIdle } = require('./consumers-idle');

const FALLBACK_AFTER_MS = 3000;
const CONFIRM_TIMEOUT_MS = 20000;
const GOAL = { rateRatioAtLeast: 0.15, placeOrderP95AtMostMs: 50 };

/** One order through the saga; resolves to its timings, throws on any error. */
async function oneOrder(shopper, products) {
  const connection = shopper.live();
  const started = performance.now();
  const order = await shopper.placeOrder(randomItems(products));
  const placed = performance.now();
  const { paidAt, confirmedAt, fallback } = await payAndConfirm(shopper, connection, order.id, {
    fallbackAfterMs: FALLBACK_AFTER_MS,
    confirmTimeoutMs: CONFIRM_TIMEOUT_MS,
  });
  return { placeOrderMs: placed - started, payMs: paidAt - placed, cycleMs: confirmedAt - started, confirmedAt, fallback };
}

/**
 * One saga window: every shopper loops until `seconds` have passed; the first error stops everyone and is thrown.
 * CPU is read once `settle` says the saga's asynchronous tail is done too (consumers idle), so per order it
 * counts everything an order causes, not only what happened before its CONFIRMED push.
 */
async function sagaRun({ shoppers, products, seconds, title, probe, settle }) {
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
    await settle?.();
    result.perOrder = probe.perRequest(before, await probe.snapshot(), done.length);
    result.cpuMsTotal = cpuTotals(result.perOrder).total;
  }
  return result;
}

const sum = (values) => Math.round(values.reduce((total, ms) => total + ms, 0) * 1000) / 1000;

/** Stack (services + their PostgreSQL backends), shared servers, and the two together; the load generator apart. */
function cpuTotals(perOrder) {
  const stack = sum(Object.values(perOrder.cpuMs));
  const shared = sum(Object.values(perOrder.sharedCpuMs ?? {}));
  return { stack, shared, total: sum([stack, shared]), client: perOrder.clientCpuMs ?? perOrder.cpuMs.client };
}

/** The median over rounds of each process's CPU per order, and of the totals. */
function cpuPerOrder(sagaRuns) {
  const runs = sagaRuns.filter((run) => run.perOrder);
  if (runs.length === 0) return undefined;
  const medians = (group) =>
    Object.fromEntries(Object.keys(runs[0].perOrder[group] ?? {}).map((name) => [name, median(runs.map((run) => run.perOrder[group][name]))]));
  const totals = runs.map((run) => cpuTotals(run.perOrder));
  return {
    processes: medians('cpuMs'),
    sharedServers: medians('sharedCpuMs'),
    stack: median(totals.map((t) => t.stack)),
    shared: median(totals.map((t) => t.shared)),
    total: median(totals.map((t) => t.total)),
    client: median(totals.map((t) => t.client)),
    postgresBackendsFrom: runs[0].perOrder.postgresSource,
  };
}

/** The per-process table P4 prints. */
function cpuTable(cpu) {
  const rows = ['  CPU per order (ms, median of rounds):'];
  const row = (name, ms, note = '') => rows.push(`    ${name.padEnd(22)} ${ms.toFixed(2).padStart(8)}${note}`);
  for (const [name, ms] of Object.entries(cpu.processes))
    row(name, ms, name === 'postgres' ? `  (backends of the stack's databases, from ${cpu.postgresBackendsFrom})` : '');
  row('stack total', cpu.stack);
  for (const [name, ms] of Object.entries(cpu.sharedServers)) row(name, ms, "  shared with the machine: includes others' load");
  row('total', cpu.total, '  (stack + shared servers)');
  row('load generator', cpu.client, '  (this process: the shoppers; not in the total)');
  return rows.join('\n');
}

/**
 * @param {object} options
 * @param {string} options.namespace the stack's event namespace, whose consumers must be idle before pgbench
 * @param {import('./smtp-sink').SmtpSink} [options.smtpSink] the mail server notifications delivers to (emails counted)
 */
async function runP4({ gatewayUrl, wsUrl, keys, root, storeId, products, pgbenchDatabase, namespace, smtpSink, config, probe, log }) {
  const { p4 } = config;
  const bin = findPgbench();
  await createPgbenchDatabase(pgbenchDatabase, products.length);
  const idle = new ConsumersIdle(namespace);
  const idleWaits = [];
  const pgbench = async (seconds, title) => {
    idleWaits.push(Math.round(await idle.wait()));
    return runPgbench({ bin, database: pgbenchDatabase, products: products.length, clients: p4.pgbenchClients, threads: p4.pgbenchThreads, seconds, title });
  };
  const shoppers = Array.from({ length: p4.shoppers }, () => new Shopper({ gatewayUrl, wsUrl, keys, root, storeId }));
  const emailsBefore = smtpSink?.messages ?? 0;
  try {
    await Promise.all(shoppers.map((shopper) => shopper.live().connected));
    const saga = (seconds, title) => sagaRun({ shoppers, products, seconds, title, probe, settle: () => idle.wait() });

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
    const cpu = cpuPerOrder(sagaRuns);
    if (cpu) log(cpuTable(cpu));
    // after the last pgbench run the saga's tail is done too: every email of every order was handed over or is queued
    await idle.wait();
    const emails = smtpSink ? { delivered: smtpSink.messages - emailsBefore, distinctRecipients: smtpSink.recipients.size } : undefined;
    if (emails) log(`  emails delivered to the SMTP sink during P4: ${emails.delivered} (${emails.distinctRecipients} distinct recipients so far)`);
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
        cpuMsPerOrder: cpu?.total,
        cpuPerOrder: cpu,
        emails,
      },
      pgbench: {
        rate: median(rounds.map((r) => r.pgbench.rate)),
        orders: rounds.reduce((sum, r) => sum + r.pgbench.orders, 0),
        latencyAverageMs: median(rounds.map((r) => r.pgbench.latencyAverageMs)),
        waitedForIdleConsumersMs: idleWaits,
      },
    };
    return {
      id: 'P4',
      method: {
        shoppers: p4.shoppers,
        pgbenchClients: p4.pgbenchClients,
        pgbenchThreads: p4.pgbenchThreads,
        pgbenchScript: SCRIPT.slice(root.length + 1),
        pgbenchRole: 'the application role (DATABASE_APP_USER), row-level security on every tenant-owned table, app.store_id set per transaction',
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
    await idle.close();
  }
}

module.exports = { runP4 };
