'use strict';
/**
 * P1: a 20-item product list with fields of both subgraphs (catalog, then one _entities fetch to
 * inventory), through our gateway vs Hive Gateway --jit over the same supergraph and subgraphs.
 *
 * Hive deduplicates identical in-flight subgraph fetches by default, so every request draws a
 * random sort, a random `after` cursor and a random priceMin that still leaves 20 products: the
 * catalog fetch differs each time and the inventory fetch (20 representations) nearly always does.
 *
 * P1-hot is the opposite case, a hot page: the same query with only HOT_VARIABLE_SETS distinct
 * variable sets over HOT_CONNECTIONS connections, so identical requests overlap and in-flight
 * deduplication can help both sides; Hive Gateway runs with its defaults (no --jit).
 */
const { randomInt } = require('node:crypto');
const { isDeepStrictEqual } = require('node:util');
const { graphql } = require('./graphql-client');
const { compare } = require('./rounds');

const PAGE = 20;
const QUERY = `query P1($priceMin: SafeInt, $sort: ProductSort, $after: String) {
  products(first: ${PAGE}, filter: { priceMin: $priceMin }, sort: $sort, after: $after) {
    nodes { id title price { amount currencyCode } stock inStock }
  }
}`;
const SORTS = ['CREATED_AT', 'TITLE', 'PRICE'].flatMap((field) => ['ASC', 'DESC'].map((direction) => ({ field, direction })));
const ORDER = `query Order($sort: ProductSort) { products(first: 100, sort: $sort) { edges { cursor node { price { amount } } } } }`;

/**
 * Every (sort, start) window that still has 20 products after it, with the highest priceMin that
 * keeps 20: the 20th highest price among the products after the cursor.
 */
async function prepareWindows(gatewayUrl, headers) {
  const windows = [];
  for (const sort of SORTS) {
    const { edges } = (await graphql(gatewayUrl, ORDER, { sort }, undefined, headers)).products;
    for (let start = -1; start <= edges.length - PAGE - 1; start += 1) {
      const prices = edges
        .slice(start + 1)
        .map((edge) => edge.node.price.amount)
        .sort((a, b) => b - a);
      windows.push({ sort: JSON.stringify(sort), after: start < 0 ? 'null' : JSON.stringify(edges[start].cursor), ceiling: prices[PAGE - 1] });
    }
  }
  if (windows.length === 0) throw new Error(`P1 needs more than ${PAGE} products`);
  return windows;
}

function bodyFactory(windows) {
  const prefix = `{"query":${JSON.stringify(QUERY)},"variables":{"priceMin":`;
  return () => {
    const window = windows[randomInt(windows.length)];
    return `${prefix}${randomInt(window.ceiling + 1)},"sort":${window.sort},"after":${window.after}}}`;
  };
}

/** Requests drawn from `count` distinct variable sets (drawn as P1 draws them), fixed for the run. */
function hotBodyFactory(windows, count) {
  const draw = bodyFactory(windows);
  const bodies = new Set();
  for (let attempt = 0; bodies.size < count && attempt < count * 100; attempt += 1) bodies.add(draw());
  if (bodies.size < count) throw new Error(`P1-hot needs ${count} distinct variable sets, found ${bodies.size}`);
  const pool = [...bodies];
  return () => pool[randomInt(pool.length)];
}

/** Both gateways must answer the same requests with the same data before their speed means anything. */
async function checkSameAnswers(gatewayUrl, hiveUrl, windows, headers, count = 20) {
  const nextBody = bodyFactory(windows);
  for (let i = 0; i < count; i += 1) {
    const { variables } = JSON.parse(nextBody());
    const [ours, hive] = await Promise.all([graphql(gatewayUrl, QUERY, variables, undefined, headers), graphql(hiveUrl, QUERY, variables, undefined, headers)]);
    if (ours.products.nodes.length !== PAGE)
      throw new Error(`P1 returned ${ours.products.nodes.length} products for ${JSON.stringify(variables)}, not ${PAGE}`);
    if (!isDeepStrictEqual(ours, hive)) throw new Error(`our gateway and Hive Gateway disagree for ${JSON.stringify(variables)}`);
  }
}

/** Our gateway against Hive on the same subgraphs, interleaved rounds, the same request bodies on both sides. */
function compareWithHive({ gatewayUrl, hiveUrl, nextBody, headers, config, connections, probe, log }) {
  const side = (name, url) => ({ name, url, nextBody, headers, cpuOf: [name, 'catalog', 'inventory', 'postgres', 'client'] });
  return compare({
    a: side('ours', gatewayUrl),
    b: side('hive', hiveUrl),
    rounds: config.rounds,
    durationSeconds: config.durationSeconds,
    warmupSeconds: config.warmupSeconds,
    connections,
    probe,
    log,
  });
}

async function runP1({ gatewayUrl, hiveUrl, windows, headers, config, probe, log }) {
  const nextBody = bodyFactory(windows);
  const comparison = await compareWithHive({ gatewayUrl, hiveUrl, nextBody, headers, config, connections: config.connections, probe, log });
  return { id: 'P1', query: QUERY, goal: { rpsRatioAtLeast: 1.5 }, met: comparison.rpsRatio >= 1.5, ...comparison };
}

const HOT_VARIABLE_SETS = 49;
const HOT_CONNECTIONS = 20;

async function runP1Hot({ gatewayUrl, hiveUrl, windows, headers, config, probe, log }) {
  const nextBody = hotBodyFactory(windows, HOT_VARIABLE_SETS);
  const comparison = await compareWithHive({ gatewayUrl, hiveUrl, nextBody, headers, config, connections: HOT_CONNECTIONS, probe, log });
  return {
    id: 'P1-hot',
    query: QUERY,
    method: { variableSets: HOT_VARIABLE_SETS, connections: HOT_CONNECTIONS },
    goal: { rpsRatioAtLeast: 1.5 },
    met: comparison.rpsRatio >= 1.5,
    ...comparison,
  };
}

module.exports = { runP1, runP1Hot, prepareWindows, checkSameAnswers, bodyFactory, QUERY, PAGE, HOT_VARIABLE_SETS, HOT_CONNECTIONS };
