'use strict';
/**
 * Checks that PostgreSQL, Redis and NATS (with JetStream) answer at the addresses the services
 * will use (DATABASE_HOST/DATABASE_PORT/DATABASE_USER, REDIS_URL, NATS_URL), starts locally
 * installed servers that are down, and otherwise says exactly what is missing.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]', '0.0.0.0']);

function infraConfig(env = process.env) {
  const value = (name, fallback) => (env[name] && env[name].trim() !== '' ? env[name].trim() : fallback);
  const redis = new URL(value('REDIS_URL', 'redis://127.0.0.1:6379'));
  const nats = new URL(value('NATS_URL', 'nats://127.0.0.1:4222'));
  return {
    postgres: {
      host: value('DATABASE_HOST', '127.0.0.1'),
      port: Number(value('DATABASE_PORT', '5432')),
      user: value('DATABASE_USER', 'postgres'),
      password: value('DATABASE_PASSWORD', undefined),
    },
    redis: { host: redis.hostname, port: Number(redis.port || 6379), tls: redis.protocol === 'rediss:' },
    nats: { host: nats.hostname, port: Number(nats.port || 4222) },
  };
}

/** Connects, sends `greeting` (if any) and resolves with the first line the server answers. */
function firstLine(host, port, greeting, timeoutMs = 2000) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: host.replace(/^\[|\]$/g, ''), port });
    let buffer = '';
    const done = (error, line) => {
      socket.destroy();
      if (error) reject(error);
      else resolve(line);
    };
    let connected = false;
    socket.setTimeout(timeoutMs, () =>
      // connected but silent: something listens there, and it is not what we expected
      done(connected ? Object.assign(new Error(`it accepts connections but says nothing within ${timeoutMs} ms`), { code: 'ENOANSWER' }) : timeoutError()),
    );
    socket.once('error', (error) => done(error));
    socket.once('connect', () => {
      connected = true;
      if (greeting) socket.write(greeting);
    });
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      const end = buffer.indexOf('\n');
      if (end >= 0) done(null, buffer.slice(0, end).trim());
    });
  });
}

const timeoutError = () => Object.assign(new Error('connection timed out'), { code: 'ETIMEDOUT' });

/** Reachability problems (the server is not there) as opposed to a server that answers wrongly. */
function isDown(error) {
  if (error.code === 'ENOANSWER') return false;
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'].includes(error.code) || /timeout/i.test(error.message);
}

async function checkPostgres({ host, port, user, password }) {
  const { Client } = require('pg');
  const client = new Client({ host, port, user, password, database: 'postgres', connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (error) {
    if (isDown(error)) return { ok: false, down: true, reason: error.code ?? error.message };
    return { ok: false, down: false, reason: `the server answers but refuses user "${user}": ${error.message} (set DATABASE_USER/DATABASE_PASSWORD)` };
  } finally {
    await client.end().catch(() => {});
  }
}

async function checkRedis({ host, port, tls }) {
  try {
    // TLS (rediss://) cannot be spoken here in a few lines: reaching the port is enough
    const line = tls ? await tcpOpen(host, port) : await firstLine(host, port, 'PING\r\n');
    if (tls || line.startsWith('+PONG') || line.startsWith('-NOAUTH')) return { ok: true };
    return { ok: false, down: false, reason: `something else listens there (it answered "${line.slice(0, 60)}")` };
  } catch (error) {
    return { ok: false, down: isDown(error), reason: error.code === 'ENOANSWER' ? error.message : (error.code ?? error.message) };
  }
}

async function checkNats({ host, port }) {
  try {
    const line = await firstLine(host, port, null);
    if (!line.startsWith('INFO ')) return { ok: false, down: false, reason: `something else listens there (it answered "${line.slice(0, 60)}")` };
    const info = JSON.parse(line.slice(5));
    if (!info.jetstream) return { ok: false, down: false, reason: 'NATS runs without JetStream: restart nats-server with -js' };
    return { ok: true };
  } catch (error) {
    return { ok: false, down: isDown(error), reason: error.code === 'ENOANSWER' ? `${error.message}: not a NATS server` : (error.code ?? error.message) };
  }
}

function tcpOpen(host, port, timeoutMs = 2000) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: host.replace(/^\[|\]$/g, ''), port });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(timeoutError());
    });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.destroy();
      resolve('');
    });
  });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const exists = (file) => fs.existsSync(file);

/** The PostgreSQL clusters of a Debian/Ubuntu install (`/etc/postgresql/<version>/main`). */
function postgresClusters() {
  if (!exists('/etc/postgresql')) return [];
  return fs
    .readdirSync('/etc/postgresql')
    .filter((version) => exists(`/etc/postgresql/${version}/main`))
    .sort((a, b) => Number(b) - Number(a));
}

/** How to start each server when it is installed here; `null` when it is not installed. */
const STARTERS = {
  postgres: () => {
    const [version] = postgresClusters();
    if (!version || !exists('/usr/bin/pg_ctlcluster')) return null;
    return { command: 'pg_ctlcluster', args: ['--skip-systemctl-redirect', version, 'main', 'start'] };
  },
  redis: ({ port }) => {
    if (!exists('/usr/bin/redis-server')) return null;
    const dirs = ['/var/lib/redis', '/var/log/redis'];
    const args = ['--daemonize', 'yes', '--bind', '127.0.0.1', '-::1', '--port', String(port), '--save', '', '--appendonly', 'no'];
    return { command: 'redis-server', args: [...args, '--dir', dirs[0], '--logfile', '/var/log/redis/ci.log'], dirs };
  },
  nats: ({ port }) => {
    if (!exists('/usr/sbin/nats-server') || !exists('/usr/sbin/start-stop-daemon')) return null;
    const daemon = ['--start', '--oknodo', '--background', '--exec', '/usr/sbin/nats-server'];
    if (port === 4222) {
      const args = ['-a', '127.0.0.1', '-p', '4222', '-js', '-sd', '/var/lib/nats-server', '-l', '/var/log/nats-server.log'];
      return { command: 'start-stop-daemon', args: [...daemon, '--', ...args], dirs: ['/var/lib/nats-server'] };
    }
    // another port: a server of its own (its pid file, its storage), even if the usual one runs
    const dir = `/var/lib/nats-server-${port}`;
    const args = ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir, '-l', `/var/log/nats-server-${port}.log`];
    return { command: 'start-stop-daemon', args: [...daemon, '--pidfile', `${dir}/nats.pid`, '--make-pidfile', '--', ...args], dirs: [dir] };
  },
};

const SERVICES = [
  {
    key: 'postgres',
    name: 'PostgreSQL',
    variables: 'DATABASE_HOST, DATABASE_PORT, DATABASE_USER, DATABASE_PASSWORD',
    check: checkPostgres,
    install: 'sudo apt-get install postgresql',
    compose: 'postgres   (its password: DATABASE_PASSWORD=ultramarket npm start)',
  },
  { key: 'redis', name: 'Redis', variables: 'REDIS_URL', check: checkRedis, install: 'sudo apt-get install redis-server', compose: 'redis' },
  {
    key: 'nats',
    name: 'NATS with JetStream',
    variables: 'NATS_URL',
    check: checkNats,
    install: 'sudo apt-get install nats-server (or a release from https://github.com/nats-io/nats-server/releases)',
    compose: 'nats',
  },
];

const shellQuote = (arg) => (arg === '' ? '""' : /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
const commandLine = ({ command, args }) => [command, ...args].map(shellQuote).join(' ');

async function waitFor(check, target, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let result = await check(target);
  while (!result.ok && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    result = await check(target);
  }
  return result;
}

/**
 * Makes sure every server answers. Returns `{ ok, problems }`; each problem is a ready-to-print
 * paragraph naming the server, the address, what is wrong and how to get it.
 */
async function ensureInfrastructure({ env = process.env, log = console.log } = {}) {
  const config = infraConfig(env);
  const problems = [];
  for (const service of SERVICES) {
    const target = config[service.key];
    const address = `${target.host}:${target.port}`;
    let result = await service.check(target);
    if (result.ok) {
      log(`  ✓ ${service.name} at ${address}`);
      continue;
    }
    const local = LOCAL_HOSTS.has(target.host);
    const starter = result.down && local ? STARTERS[service.key](target) : null;
    if (starter && isRoot()) {
      log(`  … ${service.name} is not running at ${address}; starting it: ${commandLine(starter)}`);
      try {
        for (const dir of starter.dirs ?? []) fs.mkdirSync(dir, { recursive: true });
        execFileSync(starter.command, starter.args, { stdio: 'inherit' });
        result = await waitFor(service.check, target, 20000);
      } catch (error) {
        result = { ok: false, down: true, reason: `could not start it: ${error.message}` };
      }
      if (result.ok) {
        log(`  ✓ ${service.name} at ${address} (started)`);
        continue;
      }
    }
    const lines = [`  ✗ ${service.name} at ${address} (${service.variables}): ${result.down ? `not reachable (${result.reason})` : result.reason}`];
    if (result.down && local && starter) {
      lines.push(`      it is installed here but not running; start it as root: sudo ${commandLine(starter)}`);
    } else if (result.down && local) {
      lines.push(`      install it: ${service.install}`);
      lines.push(`      or run it in Docker: docker compose up -d ${service.compose}`);
    } else if (result.down) {
      lines.push(`      ${target.host} is not local: start it there, or point ${service.variables.split(',')[0]} at a server that runs`);
    }
    problems.push(lines.join('\n'));
  }
  return { ok: problems.length === 0, problems };
}

module.exports = { ensureInfrastructure, infraConfig, checkPostgres, checkRedis, checkNats };
