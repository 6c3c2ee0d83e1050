'use strict';
/**
 * P7: `productSearch` with every facet over 100 000 products of one store, through the gateway, against
 * the same SQL run directly (the catalog's own statement, from its compiled module, plus the fetch of the
 * page's products, in one transaction as the app role with the store scope set, as the subgraph runs them).
 *
 * The catalog is written straight into the catalog database (bench/sql/search-catalog.seed.sql: product
 * rows and their search documents, two INSERT … SELECT statements), not through the API. The queries are a
 * fixed mix of one-word and two-word searches, with and without filters, sorted by relevance or price.
 * Latency is measured per request by `P7_CONCURRENCY` callers in a loop (autocannon reports no p95); the
 * goal is the gateway's p95 ≤ 50 ms. EXPLAIN ANALYZE of a representative query must show the GIN index.
 */
const { randomUUID } = require('node:crypto');
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');

const SEED_SQL = path.join(__dirname, '..', 'sql', 'search-catalog.seed.sql');
const STATEMENT_MODULE = path.join(__dirname, '..', '..', 'subgraphs', 'catalog', 'dist', 'search', 'product-search.sql.js');
const P7_PRODUCTS = 100_000;
// one caller per core of the two-core machine the goals are set on: more would measure queueing, not a search
const P7_CONCURRENCY = 2;

const QUERY = `query P7($query: String, $filter: ProductSearchFilter, $sort: ProductSearchSort) {
  productSearch(query: $query, filter: $filter, sort: $sort, first: 20) {
    totalCount
    products { nodes { id title price { amount currencyCode } } pageInfo { hasNextPage endCursor } }
    facets {
      categories { value count } collections { value count } vendors { value count } productTypes { value count } tags { value count }
      options { name values { value count } } priceRanges { min max count } inStock { inStock outOfStock }
    }
  }
}`;

const ITEMS = ['shirt', 'lamp', 'mug', 'scarf', 'table', 'jacket', 'dress', 'boots', 'candle', 'teapot', 'backpack', 'watch'];
const MATERIALS = ['linen', 'oak', 'copper', 'wool', 'ceramic', 'leather'];
const category = (n) => md5uuid(`p7-category-${n}`);

/** The same uuid PostgreSQL's md5(text)::uuid gives (the seed names categories and collections that way). */
function md5uuid(text) {
  const hex = require('node:crypto').createHash('md5').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The variable sets of the mix: every request picks the next one. */
function variableSets() {
  const sets = [];
  ITEMS.forEach((item, index) => {
    const material = MATERIALS[index % MATERIALS.length];
    sets.push({ query: item });
    sets.push({ query: `${material} ${item}` });
    sets.push({ query: item, filter: { inStock: true, vendors: [`vendor ${1 + (index % 30)}`, `vendor ${2 + (index % 30)}`] } });
    sets.push({ query: item, filter: { categoryIds: [category(index % 8)], priceMax: 15000 }, sort: 'PRICE_ASC' });
    sets.push({
      query: item,
      filter: {
        options: [
          { name: 'Size', value: 'M' },
          { name: 'Colour', value: 'Black' },
        ],
        tags: [`tag${index}`, `tag${index + 7}`],
      },
    });
  });
  return sets;
}

const ownerConnection = (database) => ({
  host: process.env.DATABASE_HOST ?? '127.0.0.1',
  port: Number(process.env.DATABASE_PORT ?? 5432),
  user: process.env.DATABASE_USER ?? 'postgres',
  password: process.env.DATABASE_PASSWORD,
  database,
});
const appConnection = (database) => ({
  ...ownerConnection(database),
  user: process.env.DATABASE_APP_USER ?? 'ultramarket_app',
  password: process.env.DATABASE_APP_PASSWORD,
});

/** Writes the 100 000 products and their documents, the store's locale and its 20 published collections. */
async function seedSearchCatalog(database, storeId) {
  const client = new Client(ownerConnection(database));
  await client.connect();
  try {
    const [products, documents] = readFileSync(SEED_SQL, 'utf8').split(/;\s*\n\s*\n/);
    await client.query('BEGIN');
    // an owner that is no superuser obeys the forced row-level security too: this transaction may write any store's rows
    await client.query(`SELECT set_config('app.store_id', '*', true)`);
    await client.query(products, [storeId, P7_PRODUCTS]);
    await client.query(documents, [storeId, 'english']);
    await client.query(`INSERT INTO store_locale (store_id, locale, version) VALUES ($1, 'en', 1)`, [storeId]);
    await client.query(
      `INSERT INTO search_collection (collection_id, store_id, published) SELECT md5('p7-collection-' || c)::uuid, $1, true FROM generate_series(0, 19) AS c`,
      [storeId],
    );
    await client.query('COMMIT');
    // as autovacuum leaves a table in service: hint bits set and the visibility map current, so the timed rounds do
    // not pay for the bulk load's first reads (both sides alike; the ratio is unchanged by it)
    await client.query('VACUUM (ANALYZE) product, product_search_document, search_collection, store_locale');
  } finally {
    await client.end();
  }
}

/** The statement input the catalog builds for a shopper's variables (product-search.ts). */
function statementInput(storeId, variables) {
  const filter = variables.filter ?? {};
  const options = new Map();
  for (const option of filter.options ?? []) options.set(option.name, [...new Set([...(options.get(option.name) ?? []), option.value])]);
  return {
    storeId,
    query: variables.query ?? null,
    staff: false,
    status: null,
    categoryIds: filter.categoryIds ?? [],
    collectionIds: filter.collectionIds ?? [],
    vendors: filter.vendors ?? [],
    productTypes: filter.productTypes ?? [],
    tags: (filter.tags ?? []).map((tag) => tag.toLowerCase()),
    options,
    priceMin: filter.priceMin ?? null,
    priceMax: filter.priceMax ?? null,
    inStock: filter.inStock ?? null,
    sort: variables.sort ?? 'RELEVANCE',
    limit: 20,
    after: null,
  };
}

/** `concurrency` loops calling `once(i)` for `seconds`; every call's latency in ms. */
async function timed(once, { concurrency, seconds }) {
  const latencies = [];
  const until = Date.now() + seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const started = process.hrtime.bigint();
        await once(next++);
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }),
  );
  return latencies;
}

function summary(latencies, seconds) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q) => Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1));
  return { requests: sorted.length, rps: Number((sorted.length / seconds).toFixed(1)), p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

/** The indexes EXPLAIN ANALYZE of `sql` shows, and its execution time. */
async function explain(client, sql, parameters) {
  const [row] = (await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, parameters)).rows;
  const plan = row['QUERY PLAN'][0];
  const indexes = new Set();
  const walk = (node) => {
    if (node['Index Name']) indexes.add(node['Index Name']);
    (node.Plans ?? []).forEach(walk);
  };
  walk(plan.Plan);
  return { indexes: [...indexes].sort(), executionMs: Number(plan['Execution Time'].toFixed(1)) };
}

/** A misspelt query ("jacket"): answered by the trigram fallback, timed once by EXPLAIN ANALYZE (the mix has none). */
const TYPO = 'jakcet';

/**
 * EXPLAIN ANALYZE of the first query of the mix and of a misspelt one, as the app role in the store's
 * scope; and of the words match inside search_words_match, which runs as the owner (SECURITY DEFINER),
 * so its plan, the GIN index or not, is shown on the owner's connection.
 */
async function explainPlans(database, storeId, appClient, statement, typoStatement) {
  await appClient.query('BEGIN');
  await appClient.query(`SELECT set_config('app.store_id', $1, true)`, [storeId]);
  const whole = await explain(appClient, statement.sql, statement.parameters);
  const typo = await explain(appClient, typoStatement.sql, typoStatement.parameters);
  await appClient.query('COMMIT');
  const owner = new Client(ownerConnection(database));
  await owner.connect();
  try {
    const wordsMatch = await explain(
      owner,
      `SELECT d.product_id, ts_rank(d.document, q) FROM product_search_document d, websearch_to_tsquery('english', search_unaccent($2)) AS q
       WHERE d.store_id = $1 AND d.document @@ q`,
      [storeId, statement.parameters[1]],
    );
    return { whole, wordsMatch, typo };
  } finally {
    await owner.end();
  }
}

async function runP7({ gatewayUrl, databaseName, config, log }) {
  const { searchStatement } = require(STATEMENT_MODULE);
  const storeId = randomUUID();
  const started = Date.now();
  await seedSearchCatalog(databaseName, storeId);
  const seedSeconds = (Date.now() - started) / 1000;
  log(`  seeded ${P7_PRODUCTS} products and documents in ${seedSeconds.toFixed(1)} s`);

  const sets = variableSets();
  const bodies = sets.map((variables) => JSON.stringify({ query: QUERY, variables }));
  const headers = { 'content-type': 'application/json', 'x-store-id': storeId };
  const viaGateway = async (i) => {
    const response = await fetch(gatewayUrl, { method: 'POST', headers, body: bodies[i % bodies.length] });
    const body = await response.json();
    if (response.status !== 200 || body.errors || !body.data?.productSearch)
      throw new Error(`P7 gateway answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  };
  const statements = sets.map((variables) => searchStatement(statementInput(storeId, variables)));
  const clients = await Promise.all(
    Array.from({ length: P7_CONCURRENCY }, async () => {
      const client = new Client(appConnection(databaseName));
      await client.connect();
      return client;
    }),
  );
  let free = [...clients];
  const directSql = async (i) => {
    const client = free.pop();
    try {
      const statement = statements[i % statements.length];
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.store_id', $1, true)`, [storeId]);
      const [row] = (await client.query(statement.sql, statement.parameters)).rows;
      const ids = row.hits.slice(0, 20).map((hit) => hit.id);
      await client.query(`SELECT * FROM product WHERE id = ANY($1::uuid[]) AND store_id = $2`, [ids, storeId]);
      await client.query('COMMIT');
    } finally {
      free.push(client);
    }
  };
  try {
    // the answers agree before anything is timed: the same total for every variable set
    for (const [index, variables] of sets.entries()) {
      const response = await fetch(gatewayUrl, { method: 'POST', headers, body: bodies[index] });
      const answer = await response.json();
      if (!answer.data?.productSearch) throw new Error(`P7: ${JSON.stringify(variables)} answered ${JSON.stringify(answer).slice(0, 500)}`);
      const through = answer.data.productSearch.totalCount;
      const client = clients[0];
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.store_id', $1, true)`, [storeId]);
      const direct = (await client.query(statements[index].sql, statements[index].parameters)).rows[0].total;
      await client.query('COMMIT');
      if (through !== direct) throw new Error(`P7: ${JSON.stringify(variables)} found ${through} through the gateway, ${direct} directly`);
    }
    const plan = await explainPlans(databaseName, storeId, clients[0], statements[0], searchStatement(statementInput(storeId, { query: TYPO })));

    const seconds = Math.max(3, config.durationSeconds);
    const rounds = Math.min(config.rounds, 4);
    await timed(viaGateway, { concurrency: P7_CONCURRENCY, seconds: config.warmupSeconds });
    await timed(directSql, { concurrency: P7_CONCURRENCY, seconds: config.warmupSeconds });
    const gateway = [];
    const sql = [];
    for (let round = 1; round <= rounds; round += 1) {
      const a = await timed(viaGateway, { concurrency: P7_CONCURRENCY, seconds });
      const b = await timed(directSql, { concurrency: P7_CONCURRENCY, seconds });
      gateway.push(...a);
      sql.push(...b);
      log(`  round ${round}: gateway p95 ${summary(a, seconds).p95} ms, direct SQL p95 ${summary(b, seconds).p95} ms`);
    }
    const a = summary(gateway, seconds * rounds);
    const b = summary(sql, seconds * rounds);
    const met = a.p95 <= 50 && plan.wordsMatch.indexes.includes('product_search_document_fts');
    return {
      id: 'P7',
      query: QUERY,
      method: { products: P7_PRODUCTS, variableSets: sets.length, concurrency: P7_CONCURRENCY, rounds, secondsPerRound: seconds, seedSeconds },
      goal: { gatewayP95AtMostMs: 50, ginIndexUsed: true },
      met,
      gateway: a,
      directSql: b,
      p95Ratio: Number((a.p95 / b.p95).toFixed(2)),
      p50Ratio: Number((a.p50 / b.p50).toFixed(2)),
      explain: { variables: sets[0], typo: TYPO, ...plan },
    };
  } finally {
    await Promise.all(clients.map((client) => client.end()));
    free = [];
  }
}

module.exports = { runP7, seedSearchCatalog, variableSets, statementInput };
