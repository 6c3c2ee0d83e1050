'use strict';
/**
 * P3: SQL statements per request for `products(first: 10)` vs `first: 100` with stock from
 * inventory, from the subgraphs' `db_statements_total` counters. Sequential requests, so nothing
 * else runs meanwhile; an idle window of the same length is measured too and must stay at zero.
 */
const { statementCount } = require('../../scripts/lib/stack.js');
const { graphql } = require('./graphql-client');

const query = (first) => `query P3 { products(first: ${first}) { nodes { id stock } } }`;
const REQUESTS = 10;

async function counts(services) {
  const [catalog, inventory] = await Promise.all([statementCount(services.catalog.metricsUrl), statementCount(services.inventory.metricsUrl)]);
  return { catalog, inventory };
}

async function perRequest(gatewayUrl, services, first, expectedNodes, headers) {
  // one unmeasured request first: a subgraph reads a store's status once, then follows it live
  await graphql(gatewayUrl, query(first), {}, undefined, headers);
  const before = await counts(services);
  for (let i = 0; i < REQUESTS; i += 1) {
    const data = await graphql(gatewayUrl, query(first), {}, undefined, headers);
    if (data.products.nodes.length !== expectedNodes)
      throw new Error(`P3: first: ${first} returned ${data.products.nodes.length} products, expected ${expectedNodes}`);
  }
  const after = await counts(services);
  return { catalog: (after.catalog - before.catalog) / REQUESTS, inventory: (after.inventory - before.inventory) / REQUESTS };
}

async function runP3({ gatewayUrl, services, products, headers }) {
  const started = Date.now();
  const small = await perRequest(gatewayUrl, services, 10, 10, headers);
  const large = await perRequest(gatewayUrl, services, 100, Math.min(100, products.length), headers);
  // the same length of time without requests: background work (outbox polls…) would skew the counts
  const idleBefore = await counts(services);
  await new Promise((resolve) => setTimeout(resolve, Date.now() - started));
  const idleAfter = await counts(services);
  const idle = { catalog: idleAfter.catalog - idleBefore.catalog, inventory: idleAfter.inventory - idleBefore.inventory };
  return {
    id: 'P3',
    query: query('N'),
    requestsEach: REQUESTS,
    first10: small,
    first100: large,
    idleWindowStatements: idle,
    goal: { equal: true },
    met: small.catalog === large.catalog && small.inventory === large.inventory && idle.catalog + idle.inventory === 0,
  };
}

module.exports = { runP3 };
