'use strict';
/**
 * P4's baseline: pgbench running bench/sql/place-order.pgbench.sql (the saga's writes as plain SQL
 * transactions) against a scratch database of the bench's own, on the same PostgreSQL server as the
 * stack, under the same rules as the services: today's schema, the kit's row-level security on every
 * tenant-owned table, and the kit's application role (the superuser would bypass RLS). The kit's parts
 * come from its compiled migrations (subgraphs/kit/dist, built by `npm run build`), so the baseline
 * follows the kit when its policy changes. The database is dropped with the stack's.
 */
const { spawn, execFileSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');

const KIT_DIST = path.join(__dirname, '..', '..', 'subgraphs', 'kit', 'dist');
const SQL_DIR = path.join(__dirname, '..', 'sql');
const SCRIPT = path.join(SQL_DIR, 'place-order.pgbench.sql');
const SETUP = path.join(SQL_DIR, 'place-order.setup.sql');

/** The one store every baseline order is placed in. */
const STORE_ID = '00000000-0000-4000-8000-00000000b0b0';

const connection = () => ({
  host: process.env.DATABASE_HOST ?? '127.0.0.1',
  port: Number(process.env.DATABASE_PORT ?? 5432),
  user: process.env.DATABASE_USER ?? 'postgres',
  password: process.env.DATABASE_PASSWORD,
});

/** The role the services connect as (the kit's DATABASE_APP_USER / DATABASE_APP_PASSWORD, same defaults). */
const appRole = () => ({ appUser: process.env.DATABASE_APP_USER ?? 'ultramarket_app', appPassword: process.env.DATABASE_APP_PASSWORD });

/** The kit's compiled modules the baseline takes its schema rules from. */
function kit() {
  try {
    return {
      ...require(path.join(KIT_DIST, 'events', 'kit-tables.js')),
      ...require(path.join(KIT_DIST, 'tenancy', 'row-level-security.js')),
      ...require(path.join(KIT_DIST, 'data', 'app-role.js')),
    };
  } catch (error) {
    throw new Error(`P4's baseline takes the kit's migrations from ${KIT_DIST} (npm run build first): ${error.message}`);
  }
}

/** What the kit's migrations and role helpers call: TypeORM's `query(sql, parameters)` answering rows. */
const runnerOf = (client) => ({ query: async (sql, parameters) => (await client.query(sql, parameters)).rows });

/** The pgbench binary, or an error that says how to get one. */
function findPgbench() {
  const candidates = [process.env.PGBENCH, 'pgbench'].filter(Boolean);
  for (const candidate of candidates) {
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next
    }
  }
  throw new Error('P4 needs pgbench (PostgreSQL client tools, e.g. apt-get install postgresql-contrib), or PGBENCH=/path/to/pgbench');
}

/**
 * Creates `database` (which must not exist): the kit's tables and policy function (its migrations, as every
 * subgraph database starts), the setup script's tables and `products` products, the kit's store isolation
 * on every table with a store_id column, and the application role's grants.
 */
async function createPgbenchDatabase(database, products) {
  const { host } = connection();
  if (host !== '127.0.0.1' && host !== 'localhost') throw new Error(`the bench only talks to 127.0.0.1, not ${host}`);
  const { kitMigrations, isolateByStore, ensureAppRole, grantToAppRole } = kit();
  const admin = new Client({ ...connection(), database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  const client = new Client({ ...connection(), database });
  await client.connect();
  try {
    const runner = runnerOf(client);
    for (const Migration of kitMigrations) await new Migration().up(runner);
    await client.query(`SET bench.products = ${Number(products)}`);
    await client.query(`SET bench.store_id = '${STORE_ID}'`);
    await client.query(readFileSync(SETUP, 'utf8'));
    const { rows } = await client.query(
      `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT c.relrowsecurity
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'store_id' AND NOT a.attisdropped)
        ORDER BY 1`,
    );
    for (const { table } of rows) await isolateByStore(runner, table);
    const role = { ...appRole(), name: database };
    await ensureAppRole(runner, role);
    await grantToAppRole(runner, role);
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

/** The figures of pgbench's summary; anything that is not a clean run throws. */
function parseSummary(stdout, stderr, code, title) {
  const number = (pattern) => {
    const match = stdout.match(pattern);
    return match ? Number(match[1]) : undefined;
  };
  const processed = number(/number of transactions actually processed: (\d+)/);
  const failed = number(/number of failed transactions: (\d+)/) ?? 0;
  const tps = number(/tps = ([\d.]+)/);
  const latencyMs = number(/latency average = ([\d.]+) ms/);
  if (code !== 0 || processed === undefined || tps === undefined || failed > 0 || /aborted/.test(stderr)) {
    throw new Error(`${title}: pgbench exited with code ${code}, ${failed} failed transactions:\n${(stderr || stdout).slice(-1500)}`);
  }
  return { title, orders: processed, rate: tps, latencyAverageMs: latencyMs, errors: 0 };
}

/**
 * One pgbench run as the application role: `clients` connections on `threads` threads for `seconds`, prepared statements.
 * One script run is one order taken to CONFIRMED, so pgbench's tps is orders per second.
 */
function runPgbench({ bin, database, products, clients, threads, seconds, title }) {
  const { host, port } = connection();
  const { appUser, appPassword } = appRole();
  const args = ['-h', host, '-p', String(port), '-U', appUser, '-n', '-M', 'prepared', '-c', String(clients), '-j', String(threads)];
  args.push('-T', String(seconds), '-D', `products=${products}`, '-D', `store_id=${STORE_ID}`, '-f', SCRIPT, database);
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...(appPassword ? { PGPASSWORD: appPassword } : {}) };
    if (!appPassword) delete env.PGPASSWORD;
    const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      try {
        resolve(parseSummary(stdout, stderr, code, title));
      } catch (error) {
        reject(error);
      }
    });
  });
}

module.exports = { findPgbench, createPgbenchDatabase, runPgbench, SCRIPT, SETUP, STORE_ID };
