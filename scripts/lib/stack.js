'use strict';
/**
 * Starts UltraMarket as separate processes (each subgraph, then the gateway) from the built
 * dist/ folders, the way it runs in production. Used by `npm start`, the end-to-end tests and the
 * benchmarks. Each stack can have its own databases and event namespace, so stacks never collide.
 */
const { spawn } = require('node:child_process');
const fsp = require('node:fs/promises');
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
  { name: 'cart', port: 4005 },
  { name: 'orders', port: 4006 },
  { name: 'payments', port: 4007 },
  { name: 'customers', port: 4008 },
  { name: 'notifications', port: 4009 },
  { name: 'shipping', port: 4010 },
  { name: 'apps', port: 4012 },
  { name: 'analytics', port: 4011 },
  { name: 'reviews', port: 4013 },
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

/**
 * The TCP ports a process listens on, read from /proc (its sockets' inodes matched against the LISTEN
 * entries of its network namespace's tables); null where /proc cannot say (not Linux). Asynchronous:
 * the tables hold every socket of the machine, and reading them synchronously while eight services
 * start stalled this process's event loop (and any proxy or server a test runs in it).
 */
async function listeningPorts(pid) {
  const inodes = new Set();
  try {
    for (const fd of await fsp.readdir(`/proc/${pid}/fd`)) {
      const link = await fsp.readlink(`/proc/${pid}/fd/${fd}`).catch(() => ''); // closed while we read the directory
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
      if (inode) inodes.add(inode);
    }
  } catch {
    return null;
  }
  const ports = new Set();
  if (inodes.size === 0) return [];
  for (const table of ['tcp', 'tcp6']) {
    const text = await fsp.readFile(`/proc/${pid}/net/${table}`, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      // sl local_address rem_address st … inode: st 0A is LISTEN
      const fields = line.trim().split(/\s+/);
      if (fields.length > 9 && fields[3] === '0A' && inodes.has(fields[9])) ports.add(parseInt(fields[1].split(':').pop(), 16));
    }
  }
  return [...ports];
}

/**
 * The port a service started with PORT=0 bound (the kernel picked it, so no other process can hold
 * it): the single port it listens on, once it does. Starting services on ports chosen up front lets
 * another process take one between the choice and the bind. Asked every 200 ms: a service takes
 * seconds to migrate and connect before it listens.
 */
async function boundPort(child, name, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${name} exited with code ${child.exitCode ?? child.signalCode} before it listened`);
    const ports = await listeningPorts(child.pid);
    if (ports === null) return null;
    if (ports.length === 1) return ports[0];
    if (ports.length > 1) throw new Error(`${name} listens on several ports (${ports.join(', ')}): cannot tell which serves HTTP`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not listen within ${timeoutMs} ms`);
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

  /**
   * Spawns a service on `port`, or with PORT=0 when none is given (tests), and waits until it answers
   * /ready on the port it bound. Only where /proc cannot tell the bound port is one chosen up front.
   */
  const startService = async (name, script, serviceEnv, port) => {
    const spawnedAt = Date.now();
    const fallbackPort = port ?? ((await listeningPorts(process.pid)) === null ? await freePort() : undefined);
    const child = startProcess(name, script, { ...serviceEnv, PORT: String(port ?? fallbackPort ?? 0) }, output);
    try {
      const bound = port ?? fallbackPort ?? (await boundPort(child, name));
      await waitUntilReady(`http://127.0.0.1:${bound}/ready`, child, name);
      return { child, port: bound, elapsedMs: Date.now() - spawnedAt };
    } catch (error) {
      await stopProcess(child);
      throw error;
    }
  };

  const startSubgraph = async (subgraph, port) => {
    const started = await startService(
      subgraph.name,
      path.join(root, 'subgraphs', subgraph.name, 'dist', 'main.js'),
      { ...env, DATABASE_NAME: `${databasePrefix}_${subgraph.name}` },
      port,
    );
    const base = `http://127.0.0.1:${started.port}`;
    services[subgraph.name] = {
      name: subgraph.name,
      port: started.port,
      url: `${base}/graphql`,
      metricsUrl: `${base}/metrics`,
      child: started.child,
      subgraph,
    };
    options.onReady?.(services[subgraph.name], started.elapsedMs);
  };

  try {
    // accounts first (the others read its signing keys); then the rest side by side: each migrates its own
    // database, and creating the shared app role, a database or a stream tolerates a concurrent creator
    const [first, ...rest] = SUBGRAPHS;
    await startSubgraph(first, options.fixedPorts ? first.port : undefined);
    const starts = await Promise.allSettled(rest.map((subgraph) => startSubgraph(subgraph, options.fixedPorts ? subgraph.port : undefined)));
    const failed = starts.find((start) => start.status === 'rejected');
    if (failed) throw failed.reason;
    const gatewayEnv = { ...env, ...(options.gatewayEnv ?? {}) };
    for (const subgraph of SUBGRAPHS) gatewayEnv[`${subgraph.name.toUpperCase()}_URL`] = services[subgraph.name].url;
    const gateway = await startService('gateway', path.join(root, 'gateway', 'dist', 'main.js'), gatewayEnv, options.fixedPorts ? 4000 : undefined);
    services.gateway = { name: 'gateway', port: gateway.port, url: `http://127.0.0.1:${gateway.port}/graphql`, child: gateway.child };
    options.onReady?.(services.gateway, gateway.elapsedMs);
  } catch (error) {
    await Promise.all(Object.values(services).map((service) => stopProcess(service.child)));
    throw error;
  }

  const stack = {
    namespace,
    gatewayUrl: services.gateway.url,
    wsUrl: services.gateway.url.replace(/^http/, 'ws'),
    services,
    databaseNames: SUBGRAPHS.map(({ name }) => `${databasePrefix}_${name}`),
    /** Kills a subgraph the hard way (SIGKILL), as a crash would. */
    async kill(name) {
      await stopProcess(services[name].child, 'SIGKILL');
    },
    /** Stops a subgraph and starts it again on the same port: the gateway knows it by that URL. */
    async restart(name) {
      await stopProcess(services[name].child);
      await startSubgraph(services[name].subgraph, services[name].port);
    },
    natsUrl: env.NATS_URL,
    /** Stops every process, then deletes the stack's own JetStream streams (a namespaced stack only). */
    stop: () => stopStack(stack),
  };
  return stack;
}

/**
 * Stops a stack's processes (the gateway first, then the subgraphs side by side) and deletes its own JetStream
 * streams (a namespaced stack only). With this module's functions, whoever started the stack: the e2e stack pool
 * stops stacks that suites whose jest environment is gone started.
 */
async function stopStack(stack) {
  await stopProcess(stack.services.gateway?.child);
  await Promise.all(SUBGRAPHS.map(({ name }) => stopProcess(stack.services[name]?.child)));
  if (stack.namespace) await deleteStreams(stack.namespace, stack.natsUrl);
}

/**
 * Deletes the JetStream streams of an event namespace (`<NAMESPACE>_<DOMAIN>`, dead letters included):
 * test stacks use file storage on the shared NATS, and would otherwise leave every suite's streams behind.
 */
async function deleteStreams(namespace, natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222') {
  if (!namespace) throw new Error('deleteStreams needs a namespace: the streams without one are the real ones');
  const { connect } = require('nats');
  const connection = await connect({ servers: natsUrl, name: 'ultramarket-stack-cleanup' });
  try {
    const jsm = await connection.jetstreamManager();
    const prefix = `${namespace.toUpperCase()}_`;
    const ours = [];
    for await (const stream of jsm.streams.names()) if (stream.startsWith(prefix)) ours.push(stream);
    for (const stream of ours) await jsm.streams.delete(stream).catch(() => undefined);
  } finally {
    await connection.close();
  }
}

/** A client of the server's `postgres` database as the superuser the services migrate with (DATABASE_*). */
function adminClient() {
  return new Client({
    host: process.env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(process.env.DATABASE_PORT ?? 5432),
    user: process.env.DATABASE_USER ?? 'postgres',
    password: process.env.DATABASE_PASSWORD,
    database: 'postgres',
  });
}

/** Drops a stack's databases (tests clean up after themselves). */
async function dropDatabases(names) {
  const client = adminClient();
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

module.exports = { startStack, stopStack, adminClient, dropDatabases, deleteStreams, statementCount, freePort, listeningPorts, SUBGRAPHS, root };
