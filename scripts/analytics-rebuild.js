'use strict';
/**
 * `npm run analytics:rebuild [-- --store <id>]`: recomputes analytics' rollups (every store's, or one store's) from the
 * event streams, as docs/analytics.md "Rebuild" describes: one transaction holding the rebuild lock deletes the rows and
 * replays the STORES, INVENTORY, CATALOG, CART, ORDERS and PAYMENTS streams from their first stored message. Reads the
 * analytics subgraph's variables (DATABASE_*, NATS_URL, EVENT_NAMESPACE); uses the built subgraph (`npm run build`).
 * Exit code 0 when the rebuild committed, 1 otherwise.
 */
const path = require('node:path');
const { parseArgs } = require('node:util');

const USAGE = 'usage: npm run analytics:rebuild [-- --store <store id>]';

async function main() {
  const { values } = parseArgs({ options: { store: { type: 'string' }, help: { type: 'boolean', default: false } } });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  let command;
  try {
    command = require(path.join(__dirname, '../subgraphs/analytics/dist/rebuild/rebuild-command.js'));
  } catch (error) {
    throw new Error(`the analytics subgraph is not built (${error.message}): run npm run build first`);
  }
  const started = Date.now();
  const result = await command.runRebuild(values.store ?? null);
  const applied = Object.entries(result.applied)
    .map(([type, count]) => `${type} ${count}`)
    .join(', ');
  console.log(
    `analytics rebuilt ${values.store ? `for store ${values.store}` : 'for every store'} in ${Date.now() - started} ms: ${result.read} messages read; applied: ${applied || 'none'}`,
  );
}

main().catch((error) => {
  console.error(`analytics:rebuild failed: ${error.message}`);
  process.exitCode = 1;
});
