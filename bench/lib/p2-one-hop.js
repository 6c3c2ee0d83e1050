'use strict';
/** P2: `product(id)` with a random seeded id, through the gateway vs straight to the catalog subgraph. */
const { randomInt } = require('node:crypto');
const { compare } = require('./rounds');

const QUERY = `query P2($id: ID!) { product(id: $id) { id title price { amount } } }`;

function bodyFactory(products) {
  const prefix = `{"query":${JSON.stringify(QUERY)},"variables":{"id":`;
  const bodies = products.map((product) => `${prefix}${JSON.stringify(product.id)}}}`);
  return () => bodies[randomInt(bodies.length)];
}

/** `signingSecret`: the stack's SUBGRAPH_SIGNING_SECRET, so the direct requests are signed as the gateway's are. */
async function runP2({ gatewayUrl, catalogUrl, signingSecret, products, headers, config, probe, log }) {
  const nextBody = bodyFactory(products);
  const comparison = await compare({
    a: { name: 'gateway', url: gatewayUrl, nextBody, headers, cpuOf: ['gateway', 'catalog', 'postgres', 'client'] },
    b: { name: 'catalog', url: catalogUrl, nextBody, headers, signingSecret, cpuOf: ['catalog', 'postgres', 'client'] },
    rounds: config.rounds,
    durationSeconds: Math.max(1, config.durationSeconds - 1),
    warmupSeconds: config.warmupSeconds,
    connections: config.connections,
    probe,
    log,
  });
  const met = comparison.rpsRatio >= 0.5 && comparison.p99Ratio <= 2.5;
  return { id: 'P2', query: QUERY, goal: { rpsRatioAtLeast: 0.5, p99RatioAtMost: 2.5 }, met, ...comparison };
}

module.exports = { runP2 };
