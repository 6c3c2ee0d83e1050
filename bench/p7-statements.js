'use strict';
/**
 * P7's statement A/B: the catalog's compiled search statement (subgraphs/catalog/dist/search/product-search.sql.js)
 * against another compiled version of it (BASELINE: e.g. an older commit's file, compiled), on one seeded copy of
 * P7's 100 000-product catalogue, at the same moment.
 *
 *   npm run build --silent && node bench/p7-statements.js /path/to/baseline/product-search.sql.js
 *
 * (run with the project's node: `npx node …`). It creates its own database (ultramarket_test_p7ab_<id>_catalog),
 * migrates it as the catalog does at start, seeds it as `npm run bench -- P7` does, then:
 * 1. compares the answers of both statements (hits with their sort values, total, every facet, whether the words
 *    matched) for the 60 queries of P7's mix, a misspelt query, no query, and a staff caller, with a cursor too;
 *    any difference fails the run (exit code 1);
 * 2. times them interleaved (A, B, A, B… over the whole mix, P7_AB_ROUNDS rounds, one caller), as the app role
 *    in the store's scope, and prints p50/p95 of each with the load average.
 * The database is dropped afterwards (P7_AB_KEEP=1 keeps it and prints its name).
 */
const { randomBytes, randomUUID } = require('node:crypto');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const { Registry } = require('prom-client');
const { seedSearchCatalog, variableSets, statementInput } = require('./lib/p7-search');

const root = path.join(__dirname, '..');
const CURRENT = path.join(root, 'subgraphs', 'catalog', 'dist', 'search', 'product-search.sql.js');

/** The extra cases beyond the timed mix: what the mix has not (typo fallback, no query, staff, a cursor, collections). */
function extraCases(storeId, sets) {
  const collection = (n) => {
    const hex = require('node:crypto').createHash('md5').update(`p7-collection-${n}`).digest('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
  const input = (variables, changes = {}) => ({ ...statementInput(storeId, variables), ...changes });
  return [
    input({ query: 'jakcet' }),
    input({}),
    input({ filter: { inStock: false, priceMin: 2000 } }),
    input({ query: 'lamp', filter: { collectionIds: [collection(3), collection(4)], productTypes: ['lamp', 'mug'] } }),
    input({ query: 'oak' }, { staff: true }),
    input({ query: 'shirt', filter: { inStock: true } }, { sort: 'PRICE_DESC', after: [20000, '00000000-0000-0000-0000-000000000000'] }),
    input(sets[4]),
  ];
}

async function main() {
  const baselinePath = process.argv[2];
  if (!baselinePath) throw new Error('usage: node bench/p7-statements.js <baseline product-search.sql.js>');
  const current = require(CURRENT);
  const baseline = require(path.resolve(baselinePath));
  const { loadKitConfig, createLogger, dropDatabase } = require(path.join(root, 'subgraphs', 'kit', 'dist'));
  const { createDataSource } = require(path.join(root, 'subgraphs', 'kit', 'dist', 'data', 'create-data-source.js'));
  const { catalogSubgraph } = require(path.join(root, 'subgraphs', 'catalog', 'dist', 'catalog.subgraph.js'));

  const name = `ultramarket_test_p7ab_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}_catalog`;
  const config = loadKitConfig('catalog', 0, { ...process.env, DATABASE_NAME: name, DATABASE_POOL_SIZE: '1' });
  const logger = createLogger('p7-statements', 'warn');
  const app = await createDataSource(config, { entities: catalogSubgraph.entities, migrations: catalogSubgraph.migrations }, new Registry(), logger);
  await app.destroy();
  const client = new Client({
    host: config.database.host,
    port: config.database.port,
    user: config.database.appUser,
    password: config.database.appPassword,
    database: name,
  });
  try {
    const storeId = randomUUID();
    const started = Date.now();
    await seedSearchCatalog(name, storeId);
    console.log(`seeded ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await client.connect();
    const run = async (statement) => {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.store_id', $1, true)`, [storeId]);
      const [row] = (await client.query(statement.sql, statement.parameters)).rows;
      await client.query('COMMIT');
      return row;
    };

    const sets = variableSets();
    const inputs = [...sets.map((variables) => statementInput(storeId, variables)), ...extraCases(storeId, sets)];
    let differences = 0;
    for (const input of inputs) {
      const [a, b] = [await run(baseline.searchStatement(input)), await run(current.searchStatement(input))];
      const same = JSON.stringify(normalised(a)) === JSON.stringify(normalised(b));
      if (!same) {
        differences += 1;
        console.error(`DIFFERENT for ${JSON.stringify({ ...input, options: [...input.options] })}`);
        console.error(`  baseline: ${JSON.stringify(normalised(a)).slice(0, 400)}`);
        console.error(`  current:  ${JSON.stringify(normalised(b)).slice(0, 400)}`);
      }
    }
    console.log(`answers compared for ${inputs.length} queries: ${differences === 0 ? 'identical' : `${differences} differ`}`);
    if (differences > 0) process.exitCode = 1;

    const rounds = Number(process.env.P7_AB_ROUNDS ?? 6);
    const timed = { baseline: [], current: [] };
    const loads = [os.loadavg()[0]];
    for (const input of inputs.slice(0, sets.length)) {
      await run(baseline.searchStatement(input));
      await run(current.searchStatement(input));
    }
    for (let round = 0; round < rounds; round += 1) {
      for (const input of inputs.slice(0, sets.length)) {
        for (const [side, module] of round % 2 === 0
          ? [
              ['baseline', baseline],
              ['current', current],
            ]
          : [
              ['current', current],
              ['baseline', baseline],
            ]) {
          const statement = module.searchStatement(input);
          const began = process.hrtime.bigint();
          await run(statement);
          timed[side].push(Number(process.hrtime.bigint() - began) / 1e6);
        }
      }
      loads.push(os.loadavg()[0]);
    }
    const stats = (latencies) => {
      const sorted = [...latencies].sort((x, y) => x - y);
      const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1);
      return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms (${sorted.length} runs)`;
    };
    console.log(
      `interleaved, ${rounds} rounds of the ${sets.length}-query mix, load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}:`,
    );
    console.log(`  baseline: ${stats(timed.baseline)}`);
    console.log(`  current:  ${stats(timed.current)}`);
  } finally {
    await client.end().catch(() => undefined);
    if (process.env.P7_AB_KEEP === '1') console.log(`kept ${name}`);
    else await dropDatabase(config.database);
  }
}

/** A row as compared: facets in one order (the statements may list equal counts in any order before the resolver sorts them). */
function normalised(row) {
  const facets = [...row.facets].map(([facet, value, n]) => [facet, String(value), Number(n)]).sort((x, y) => (x.join('\u0000') < y.join('\u0000') ? -1 : 1));
  return { matched_words: row.matched_words, total: row.total, hits: row.hits.map((hit) => [hit.id, String(hit.sort)]), facets };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
