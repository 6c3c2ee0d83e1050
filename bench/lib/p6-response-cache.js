'use strict';
/**
 * P6: the storefront's anonymous catalog read (the P1 list's fields: catalog + inventory) through a
 * gateway with the response cache on vs the stack's gateway with it off (RESPONSE_CACHE_ENABLED=false,
 * as the bench runs P1–P3), both over the same subgraphs. A handful of variable sets (a storefront's
 * sort orders), so after the warm-up the cached side answers from its cache.
 *
 * Then two checks, either of which fails the benchmark: the SQL statements the subgraphs run for
 * requests answered from the cache (goal 0, from their `db_statements_total{source="request"}`), and
 * freshness: after a stock change through the gateway, the cached read shows the new stock once its
 * inventory.stock-changed event is delivered (polled, bounded) and never the old stock after that.
 */
const { spawn } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const path = require('node:path');
const { freePort, statementCount, SUBGRAPHS } = require('../../scripts/lib/stack.js');
const { graphql } = require('./graphql-client');
const { compare } = require('./rounds');

const QUERY = `query P6($sort: ProductSort) {
  products(first: 20, sort: $sort) {
    nodes { id title price { amount currencyCode } stock inStock }
  }
}`;
const SORTS = ['CREATED_AT', 'TITLE', 'PRICE'].flatMap((field) => ['ASC', 'DESC'].map((direction) => ({ field, direction })));
const BODIES = SORTS.map((sort) => JSON.stringify({ query: QUERY, variables: { sort } }));
const ADJUST_STOCK = `mutation P6Stock($input: AdjustStockInput!) { adjustStock(input: $input) { userErrors { code message } } }`;
const HIT_SAMPLE = 300;
const FRESHNESS_CHANGES = 5;
const FRESH_READS_AFTER = 20;
const EVENT_DELIVERY_BOUND_MS = 10_000;

/** A second gateway process on the stack's subgraphs and namespace, with the response cache on. */
async function startCachedGateway({ root, services, namespace, env }) {
  const port = await freePort();
  const subgraphUrls = Object.fromEntries(SUBGRAPHS.map(({ name }) => [`${name.toUpperCase()}_URL`, services[name].url]));
  const child = spawn(process.execPath, [path.join(root, 'gateway', 'dist', 'main.js')], {
    cwd: root,
    // five minutes, as a storefront would set it (events end an entry sooner): no entry expires during P6
    env: {
      ...process.env,
      ...env,
      ...subgraphUrls,
      EVENT_NAMESPACE: namespace,
      PORT: String(port),
      RESPONSE_CACHE_ENABLED: 'true',
      RESPONSE_CACHE_DEFAULT_MAX_AGE: '300',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the cached gateway exited with code ${child.exitCode}`);
    const ready = await fetch(`http://127.0.0.1:${port}/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error('the cached gateway was not ready within 60 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url: `http://127.0.0.1:${port}/graphql`, pid: child.pid, stop };
}

/** One read with its Age header (null when it was not answered from the cache). */
async function read(url, body, headers) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const json = await response.json();
  if (response.status !== 200 || json.errors) throw new Error(`P6 read answered ${response.status}: ${JSON.stringify(json.errors ?? json).slice(0, 300)}`);
  return { nodes: json.data.products.nodes, age: response.headers.get('age') };
}

/** SQL statements the read's subgraphs ran for requests, and the requests they served, in this order of reads. */
async function statementsPerHit(url, headers, metrics) {
  for (const body of BODIES) await read(url, body, headers); // every key stored
  const statements = async () => (await statementCount(metrics.catalog)) + (await statementCount(metrics.inventory));
  const before = await statements();
  let hits = 0;
  for (let index = 0; index < HIT_SAMPLE; index += 1) {
    const { age } = await read(url, BODIES[index % BODIES.length], headers);
    if (age !== null) hits += 1;
  }
  const sent = (await statements()) - before;
  return { reads: HIT_SAMPLE, hits, statements: sent, perHit: hits > 0 ? sent / hits : Number.NaN };
}

/**
 * FRESHNESS_CHANGES stock changes of a listed product, made through the other gateway so that the
 * cached one learns of them only from inventory.stock-changed (its own writes it forgets at once): each
 * must show in the cached read within EVENT_DELIVERY_BOUND_MS of the mutation's answer (the event's
 * delivery), and every one of the FRESH_READS_AFTER reads after the first fresh one must show it too.
 */
async function checkFreshness(url, writeUrl, headers, merchantToken) {
  const body = BODIES[0];
  const lags = [];
  for (let change = 1; change <= FRESHNESS_CHANGES; change += 1) {
    await read(url, body, headers);
    const cached = await read(url, body, headers);
    if (cached.age === null) throw new Error('P6 freshness: the second identical read was not answered from the cache');
    const product = cached.nodes[0];
    const answered = await graphql(
      writeUrl,
      ADJUST_STOCK,
      { input: { productId: product.id, delta: 1, reason: 'P6 freshness check', idempotencyKey: randomUUID() } },
      merchantToken,
      headers,
    );
    if (answered.adjustStock.userErrors.length > 0) throw new Error(`P6 adjustStock: ${JSON.stringify(answered.adjustStock.userErrors)}`);
    const changedAt = Date.now();
    const expected = product.stock + 1;
    for (;;) {
      const { nodes } = await read(url, body, headers);
      const stock = nodes.find((node) => node.id === product.id)?.stock;
      if (stock === expected) break;
      if (Date.now() - changedAt > EVENT_DELIVERY_BOUND_MS)
        throw new Error(`P6 freshness: stock ${stock}, not ${expected}, ${EVENT_DELIVERY_BOUND_MS} ms after the change`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    lags.push(Date.now() - changedAt);
    for (let index = 0; index < FRESH_READS_AFTER; index += 1) {
      const { nodes } = await read(url, body, headers);
      const stock = nodes.find((node) => node.id === product.id)?.stock;
      if (stock !== expected) throw new Error(`P6 freshness: stale stock ${stock} (expected ${expected}) served after the new stock was`);
    }
  }
  return { changes: FRESHNESS_CHANGES, freshReadsAfterEach: FRESH_READS_AFTER, visibleAfterMs: { max: Math.max(...lags), all: lags }, stale: 0 };
}

async function runP6({ root, stack, namespace, env, headers, merchantToken, config, makeProbe, log }) {
  const cached = await startCachedGateway({ root, services: stack.services, namespace, env });
  try {
    const metrics = { catalog: stack.services.catalog.metricsUrl, inventory: stack.services.inventory.metricsUrl };
    const probe = makeProbe({
      processes: {
        cached: cached.pid,
        uncached: stack.services.gateway.child.pid,
        catalog: stack.services.catalog.child.pid,
        inventory: stack.services.inventory.child.pid,
      },
      databaseNames: stack.databaseNames,
      subgraphs: metrics,
    });
    let next = 0;
    const nextBody = () => BODIES[(next += 1) % BODIES.length];
    const comparison = await compare({
      a: { name: 'cache on', url: cached.url, nextBody, headers, cpuOf: ['cached', 'catalog', 'inventory', 'postgres', 'client'] },
      b: { name: 'cache off', url: stack.gatewayUrl, nextBody, headers, cpuOf: ['uncached', 'catalog', 'inventory', 'postgres', 'client'] },
      rounds: config.rounds,
      durationSeconds: config.durationSeconds,
      warmupSeconds: config.warmupSeconds,
      connections: config.connections,
      probe,
      log,
    });
    const hits = await statementsPerHit(cached.url, headers, metrics);
    log(`  SQL statements on hits: ${hits.statements} for ${hits.hits} hits of ${hits.reads} reads`);
    const freshness = await checkFreshness(cached.url, stack.gatewayUrl, headers, merchantToken);
    log(`  stock changes visible after ${freshness.visibleAfterMs.all.join(', ')} ms; never stale after`);
    return {
      id: 'P6',
      query: QUERY,
      method: { variableSets: BODIES.length, connections: config.connections },
      goal: { rpsRatioAtLeast: 5, statementsPerHit: 0, stale: 0 },
      met: comparison.rpsRatio >= 5 && hits.statements === 0 && hits.hits === hits.reads,
      hits,
      freshness,
      ...comparison,
    };
  } finally {
    await cached.stop();
  }
}

module.exports = { runP6, QUERY };
