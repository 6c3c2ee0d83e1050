'use strict';
/** The markdown table printed at the end, and the JSON file under bench/results/. */
const { mkdirSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const rps = (value) => `${Math.round(value)} req/s`;
/** `process` names the process whose CPU time per request is shown (from the run's probe). */
function side(label, summary, process) {
  const own = summary.perRequest?.cpuMs?.[process];
  const cpu = own === undefined ? '' : `; CPU/req ${own.toFixed(2)} ms in ${process}, ${summary.cpuMsTotal.toFixed(2)} ms in all`;
  return `${label}: ${rps(summary.rps)}, p50 ${summary.p50} ms, p99 ${summary.p99} ms${cpu}`;
}
const ms = (value) => `${value.toFixed(1)} ms`;
const verdict = (met) => (met ? 'met' : '**MISSED**');
const capacity = (result) => (result.cpuRatio === undefined ? '' : `; by CPU per request ${result.cpuRatio.toFixed(2)}×`);
const statements = (counts) => `catalog ${counts.catalog}, inventory ${counts.inventory}`;

function markdownTable(results) {
  const rows = ['| # | benchmark | A | B | A vs B (median of rounds) | goal | result |', '| --- | --- | --- | --- | --- | --- | --- |'];
  const { P1, 'P1-hot': P1hot, P2, P3, P4, 'P4-cart': P4cart, P5, P6, P7, IMPORT } = results;
  if (P1) {
    rows.push(
      `| P1 | federated list, 20 products, catalog + inventory | ${side('our gateway', P1.a, 'ours')} | ${side('Hive Gateway --jit', P1.b, 'hive')} | ${P1.rpsRatio.toFixed(2)}× throughput${capacity(P1)} | ≥ 1.5× | ${verdict(P1.met)} |`,
    );
  }
  if (P1hot) {
    rows.push(
      `| P1-hot | the P1 list, ${P1hot.method.variableSets} variable sets over ${P1hot.method.connections} connections (identical requests overlap) | ${side('our gateway', P1hot.a, 'ours')} | ${side('Hive Gateway (defaults)', P1hot.b, 'hive')} | ${P1hot.rpsRatio.toFixed(2)}× throughput${capacity(P1hot)} | ≥ 1.5× | ${verdict(P1hot.met)} |`,
    );
  }
  if (P2) {
    rows.push(
      `| P2 | product(id), one hop | ${side('gateway', P2.a, 'gateway')} | ${side('catalog direct', P2.b, 'catalog')} | ${P2.rpsRatio.toFixed(2)}× throughput, ${P2.p99Ratio.toFixed(2)}× p99${capacity(P2)} | ≥ 0.5×, p99 ≤ 2.5× | ${verdict(P2.met)} |`,
    );
  }
  if (P3) {
    rows.push(
      `| P3 | SQL statements per request, products { id stock } | first: 10 → ${statements(P3.first10)} | first: 100 → ${statements(P3.first100)} | idle window: ${statements(P3.idleWindowStatements)} | equal | ${verdict(P3.met)} |`,
    );
  }
  if (P4) {
    const { saga, pgbench, method } = P4;
    const c = saga.cpuPerOrder;
    const cpu =
      c === undefined
        ? ''
        : `; CPU/order ${c.total.toFixed(1)} ms in all (stack ${c.stack.toFixed(1)}, shared NATS/Redis/PostgreSQL server ${c.shared.toFixed(1)})`;
    rows.push(
      `| P4 | placeOrder → processPayment → CONFIRMED push, ${method.shoppers} shoppers | saga through the gateway: ${saga.rate.toFixed(1)} orders/s, placeOrder p50 ${ms(saga.placeOrderP50)}, p95 ${ms(saga.placeOrderP95)}, p99 ${ms(saga.placeOrderP99)}; place → CONFIRMED p50 ${ms(saga.placeToConfirmedP50)}${cpu} | pgbench, the equivalent SQL (-c ${method.pgbenchClients}): ${pgbench.rate.toFixed(1)} orders/s, ${ms(pgbench.latencyAverageMs)} a script run on average | ${P4.rateRatio.toFixed(3)}× throughput; placeOrder p95 ${ms(saga.placeOrderP95)} | ≥ 0.15×, p95 ≤ 50 ms | ${verdict(P4.met)} |`,
    );
  }
  if (P4cart) {
    const { saga, pgbench, statements, method } = P4cart;
    rows.push(
      `| P4-cart | cart (3 lines) → address → shipping rate → review → completeCheckout → processPayment → CONFIRMED push, ${method.shoppers} shoppers | cart path through the gateway: ${saga.rate.toFixed(1)} orders/s, completeCheckout p50 ${ms(saga.completeCheckoutP50)}, p95 ${ms(saga.completeCheckoutP95)}; cart steps p50 ${ms(saga.cartStepsP50)}; cart → CONFIRMED p50 ${ms(saga.cartToConfirmedP50)}; completeCheckout costs ${statements.completeCheckout} SQL statements across every subgraph | pgbench, P4's SQL (-c ${method.pgbenchClients}): ${pgbench.rate.toFixed(1)} orders/s | ${P4cart.rateRatio.toFixed(3)}× throughput; ${statements.completeCheckout} statements | ≥ 0.1×, ≤ 60 statements (Saleor's checkoutComplete: ~230) | ${verdict(P4cart.met)} |`,
    );
  }
  if (P5) {
    const { single, fanOut, method } = P5;
    rows.push(
      `| P5 | orderStatusChanged { id status }, mutation sent → push received, one order | 1 subscriber: p50 ${single.latency.p50} ms, p99 ${single.latency.p99} ms (${single.samples} pushes) | ${method.subscribers} subscribers of the same order: p50 ${fanOut.latency.p50} ms, p99 ${fanOut.latency.p99} ms, last subscriber p50 ${fanOut.lastSubscriber.p50} ms (${fanOut.samples} pushes) | ${P5.p99Ratio.toFixed(2)}× p99 | p99 ≤ 50 ms and ≤ 5× | ${verdict(P5.met)} |`,
    );
  }
  if (P6) {
    const { hits, freshness, method } = P6;
    rows.push(
      `| P6 | anonymous catalog read (the P1 list's fields), ${method.variableSets} variable sets, ${method.connections} connections | ${side('response cache on', P6.a, 'cached')} | ${side('response cache off', P6.b, 'uncached')} | ${P6.rpsRatio.toFixed(2)}× throughput${capacity(P6)}; ${hits.statements} SQL statements for ${hits.hits} hits of ${hits.reads} reads; ${freshness.changes} stock changes visible after at most ${freshness.visibleAfterMs.max} ms, never stale after | ≥ 5×, 0 SQL on a hit, never stale | ${verdict(P6.met)} |`,
    );
  }
  if (P7) {
    const { gateway, directSql, method, explain } = P7;
    rows.push(
      `| P7 | productSearch + every facet, ${method.products} products in one store, ${method.variableSets} queries (1–2 words, with and without filters), ${method.concurrency} callers | through the gateway: p50 ${gateway.p50} ms, p95 ${gateway.p95} ms, ${gateway.rps} req/s | the same SQL direct (app role, store scope): p50 ${directSql.p50} ms, p95 ${directSql.p95} ms | ${P7.p95Ratio.toFixed(2)}× p95, ${P7.p50Ratio.toFixed(2)}× p50; EXPLAIN: words match by ${explain.wordsMatch.indexes.join(', ')} (${explain.wordsMatch.executionMs} ms); a misspelt query (typo fallback) ${explain.typo.executionMs} ms | p95 ≤ 50 ms, GIN index used | ${verdict(P7.met)} |`,
    );
  }
  if (IMPORT) {
    rows.push(
      `| IMPORT | Shopify product CSV, ${IMPORT.rows} rows (${IMPORT.products} products, stock on every row) in ${IMPORT.parts} parts, through the gateway to COMPLETED | ${IMPORT.seconds.toFixed(1)} s, ${Math.round(IMPORT.rowsPerSecond)} rows/s | | | < 60 s | ${verdict(IMPORT.met)} |`,
    );
  }
  return rows.join('\n');
}

function writeJson(root, config, results) {
  const dir = path.join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const machine = {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
  };
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), machine, config, results }, null, 2)}\n`);
  return file;
}

module.exports = { markdownTable, writeJson };
