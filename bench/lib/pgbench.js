'use strict';
/**
 * P4's baseline: pgbench running bench/sql/place-order.pgbench.sql (the saga's writes as plain SQL
 * transactions) against a scratch database of the bench's own, on the same PostgreSQL server as the
 * stack. The database is created from bench/sql/place-order.setup.sql and dropped with the stack's.
 */
const { spawn, execFileSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');

const SQL_DIR = path.join(__dirname, '..', 'sql');
const SCRIPT = path.join(SQL_DIR, 'place-order.pgbench.sql');
const SETUP = path.join(SQL_DIR, 'place-order.setup.sql');

const connection = () => ({
  host: process.env.DATABASE_HOST ?? '127.0.0.1',
  port: Number(process.env.DATABASE_PORT ?? 5432),
  user: process.env.DATABASE_USER ?? 'postgres',
  password: process.env.DATABASE_PASSWORD,
});

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

/** Creates `database` (which must not exist) with the setup script's schema and `products` products. */
async function createPgbenchDatabase(database, products) {
  const { host } = connection();
  if (host !== '127.0.0.1' && host !== 'localhost') throw new Error(`the bench only talks to 127.0.0.1, not ${host}`);
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
    await client.query(`SET bench.products = ${Number(products)}`);
    await client.query(readFileSync(SETUP, 'utf8'));
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
 * One pgbench run: `clients` connections on `threads` threads for `seconds`, prepared statements.
 * One script run is one order taken to CONFIRMED, so pgbench's tps is orders per second.
 */
function runPgbench({ bin, database, products, clients, threads, seconds, title }) {
  const { host, port, user, password } = connection();
  const args = ['-h', host, '-p', String(port), '-U', user, '-n', '-M', 'prepared', '-c', String(clients), '-j', String(threads)];
  args.push('-T', String(seconds), '-D', `products=${products}`, '-f', SCRIPT, database);
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) }, stdio: ['ignore', 'pipe', 'pipe'] });
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

module.exports = { findPgbench, createPgbenchDatabase, runPgbench, SCRIPT, SETUP };
