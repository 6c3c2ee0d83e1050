'use strict';
/**
 * Starts UltraMarket as separate processes (each subgraph, then the gateway) from the built
 * dist/ folders, the way it runs in production. Used by `npm start`, the end-to-end tests and the
 * benchmarks. Each stack can have its own databases and event namespace, so stacks never collide.
 */
const { spawn } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');
const { Client } = require('pg');
const { colorSupported, createServiceOutput } = require('./service-output');

const root = path.resolve(__dirname, '../..');
const SUBGRAPHS = [
  { name: 'accounts', port: 4001 },
  { name: 'stores', port: 4002 },
  { name: 'catalog', port: 4003 },
  { name: 'inventory', port: 4004 },
  { name: 'orders', port: 4006 },
  { name: 'payments', port: 4007 },
  { name: 'customers', port: 4008 },
  { name: 'notifications', port: 4009 },
];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(url, child, name, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} was not ready at ${url} within ${timeoutMs} ms`);
}

/** `output` is 'ignore', 'inherit' or a ServiceOutput that relays the child's lines. */
function startProcess(name, script, env, output) {
  const relay = typeof output === 'object' ? output : null;
  const stdio = relay ? 'pipe' : output;
  const child = spawn(process.execPath, [script], {
    cwd: root,
    env: { ...process.env, APOLLO_TELEMETRY_DISABLED: 'true', ...env },
    stdio: ['ignore', stdio, stdio],
  });
  child.serviceName = name;
  relay?.attach(name, child);
  return child;
}

/** 'ignore' and 'inherit' go to spawn as they are; 'pretty' and 'json' become a ServiceOutput. */
function outputOf(option) {
  const output = option ?? (['inherit', 'pretty', 'json'].includes(process.env.STACK_OUTPUT) ? process.env.STACK_OUTPUT : 'ignore');
  if (output === 'pretty' || output === 'json') return createServiceOutput({ format: output, color: colorSupported() });
  return output;
}

function stopProcess(child, signal = 'SIGTERM') {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
    // 'close' comes once its piped output is read too, so its last log lines are shown
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    child.once('close', done);
    child.once('exit', () => setTimeout(done, 1000).unref());
    child.kill(signal);
  });
}

/**
 * @param {object} options
 * @param {string} [options.namespace] event namespace and database prefix ('' for the real databases)
 * @param {boolean} [options.fixedPorts] use 4000/4003/4004 (npm start) instead of free ports (tests)
 * @param {object} [options.env] extra environment for every process
 * @param {'ignore'|'inherit'|'pretty'|'json'|import('./service-output').ServiceOutput} [options.output] what becomes
 *   of the services' logs: dropped (tests; STACK_OUTPUT=inherit|pretty|json shows them), written
 *   straight to this terminal, or read line by line and shown prettified or as JSON (npm start)
 * @param {(service: {name: string, port: number}, elapsedMs: number) => void} [options.onReady]
 *   called as each service answers /ready, with the time since it was spawned
 */
async function startStack(options = {}) {
  const namespace = options.namespace ?? '';
  const output = outputOf(options.output);
  const databasePrefix = namespace ? `ultramarket_test_${namespace}` : 'ultramarket';
  const env = { EVENT_NAMESPACE: namespace, ...(options.env ?? {}) };
  const services = {};

  const startSubgraph = async (subgraph) => {
    const port = subgraph.port;
    const spawnedAt = Date.now();
    const child = startProcess(
      subgraph.name,
      path.join(root, 'subgraphs', subgraph.name, 'dist', 'main.js'),
      { ...env, PORT: String(port), DATABASE_NAME: `${databasePrefix}_${subgraph.name}` },
      output,
    );
    const base = `http://127.0.0.1:${port}`;
    services[subgraph.name] = { name: subgraph.name, port, url: `${base}/graphql`, metricsUrl: `${base}/metrics`, child, subgraph };
    await waitUntilReady(`${base}/ready`, child, subgraph.name);
    options.onReady?.(services[subgraph.name], Date.now() - spawnedAt);
  };

  const subgraphs = [];
  for (const subgraph of SUBGRAPHS) subgraphs.push({ ...subgraph, port: options.fixedPorts ? subgraph.port : await freePort() });
  try {
    // one at a time: each runs its migrations and creates its streams on first start
    for (const subgraph of subgraphs) await startSubgraph(subgraph);
    const gatewayPort = options.fixedPorts ? 4000 : await freePort();
    const gatewayEnv = { ...env, PORT: String(gatewayPort), ...(options.gatewayEnv ?? {}) };
    for (const subgraph of subgraphs) gatewayEnv[`${subgraph.name.toUpperCase()}_URL`] = services[subgraph.name].url;
    const gatewaySpawnedAt = Date.now();
    const gateway = startProcess('gateway', path.join(root, 'gateway', 'dist', 'main.js'), gatewayEnv, output);
    services.gateway = { name: 'gateway', port: gatewayPort, url: `http://127.0.0.1:${gatewayPort}/graphql`, child: gateway };
    await waitUntilReady(`http://127.0.0.1:${gatewayPort}/ready`, gateway, 'gateway');
    options.onReady?.(services.gateway, Date.now() - gatewaySpawnedAt);
  } catch (error) {
    await Promise.all(Object.values(services).map((service) => stopProcess(service.child)));
    throw error;
  }

  return {
    namespace,
    gatewayUrl: services.gateway.url,
    wsUrl: services.gateway.url.replace(/^http/, 'ws'),
    services,
    databaseNames: SUBGRAPHS.map(({ name }) => `${databasePrefix}_${name}`),
    /** Kills a subgraph the hard way (SIGKILL), as a crash would. */
    async kill(name) {
      await stopProcess(services[name].child, 'SIGKILL');
    },
    async restart(name) {
      await stopProcess(services[name].child);
      await startSubgraph(services[name].subgraph);
    },
    async stop() {
      await stopProcess(services.gateway.child);
      await Promise.all(SUBGRAPHS.map(({ name }) => stopProcess(services[name]?.child)));
    },
  };
}

/** Drops a stack's databases (tests clean up after themselves). */
async function dropDatabases(names) {
  const client = new Client({
    host: process.env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(process.env.DATABASE_PORT ?? 5432),
    user: process.env.DATABASE_USER ?? 'postgres',
    password: process.env.DATABASE_PASSWORD,
    database: 'postgres',
  });
  await client.connect();
  try {
    for (const name of names) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Reads the SQL statements a subgraph sent for GraphQL requests (`db_statements_total{source="request"}`). */
async function statementCount(metricsUrl) {
  const text = await (await fetch(metricsUrl)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith('db_statements_total{') && candidate.includes('source="request"'));
  return line ? Number(line.trim().split(/\s+/).pop()) : 0;
}

module.exports = { startStack, dropDatabases, statementCount, freePort, SUBGRAPHS, root };
