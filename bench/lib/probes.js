'use strict';
/**
 * What each run cost besides its throughput: CPU time per request of every process involved
 * (gateways, subgraphs, the stack's PostgreSQL backends, this process as the load generator; from
 * /proc, so Linux only) and subgraph fetches per request (from the subgraphs' request counters:
 * about 1 per fetch the plan needs, a little more because requests still in flight when a run
 * ends are counted too). Unlike throughput, CPU per request barely moves when other work shares
 * the machine, so the ratio of summed CPU per request is shown next to the throughput ratio.
 * Servers the stack shares with the rest of the machine (NATS, Redis, PostgreSQL's own background
 * processes) can be probed too: their figures include whatever else used them meanwhile.
 */
const { readdirSync, readFileSync, readlinkSync } = require('node:fs');
const { adminClient } = require('../../scripts/lib/stack.js');

const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of a process, or null where /proc cannot tell. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** PostgreSQL backends serving the given databases (their titles name the database): where pg_stat_activity cannot be read. */
function postgresBackendsByTitle(databaseNames) {
  const pids = [];
  let entries;
  try {
    entries = readdirSync('/proc');
  } catch {
    return pids;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres:') && databaseNames.some((name) => title.includes(` ${name} `))) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/**
 * PostgreSQL's processes from pg_stat_activity: the client backends of the given databases, and the
 * server's own background processes (WAL writer, checkpointer, autovacuum, …, which work for every
 * database of the server). Falls back to process titles when the server cannot be asked.
 */
async function postgresProcesses(databaseNames) {
  const client = adminClient();
  try {
    await client.connect();
    const { rows } = await client.query(
      `SELECT pid, datname, datname = ANY($1::text[]) AS ours, backend_type <> 'client backend' AS server
         FROM pg_stat_activity WHERE pid <> pg_backend_pid()`,
      [databaseNames],
    );
    return {
      backends: rows.filter((row) => row.ours).map((row) => row.pid),
      databaseOf: new Map(rows.filter((row) => row.ours).map((row) => [row.pid, row.datname])),
      server: rows.filter((row) => row.server).map((row) => row.pid),
      source: 'pg_stat_activity',
    };
  } catch {
    return { backends: postgresBackendsByTitle(databaseNames), databaseOf: new Map(), server: [], source: 'process titles' };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The process listening on 127.0.0.1:`port` (its socket's inode in /proc/net/tcp, then whose fd holds it), or null. */
function listeningPid(port) {
  const inodes = new Set();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local address is HEX_IP:HEX_PORT, state 0A is LISTEN
      if (fields.length > 9 && fields[3] === '0A' && parseInt(fields[1].split(':')[1], 16) === port) inodes.add(fields[9]);
    }
  }
  if (inodes.size === 0) return null;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds;
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // gone, or not ours to read
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/fd/${fd}`));
        if (match && inodes.has(match[1])) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  return null;
}

/** The port of a service URL (`nats://127.0.0.1:4222`), with the scheme's default. */
const portOf = (url, fallback) => Number(new URL(url).port || fallback);

/**
 * The machine's NATS and Redis servers the stack talks to, by the process listening on their ports:
 * shared with everything else on the machine, so their CPU includes others' load. Missing ones are left out.
 */
function sharedServers({ natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222', redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' } = {}) {
  const servers = {};
  const nats = listeningPid(portOf(natsUrl, 4222));
  if (nats !== null) servers.nats = nats;
  const redis = listeningPid(portOf(redisUrl, 6379));
  if (redis !== null) servers.redis = redis;
  return servers;
}

/** GraphQL requests a subgraph has answered, from http_request_duration_seconds_count on /metrics. */
async function graphqlRequestCount(metricsUrl) {
  const text = await (await fetch(metricsUrl)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('http_request_duration_seconds_count{') && line.includes('route="/graphql"'))
    .reduce((sum, line) => sum + Number(line.trim().split(/\s+/).pop()), 0);
}

/**
 * @param {object} options
 * @param {Record<string, number>} options.processes name → pid
 * @param {string[]} options.databaseNames the stack's databases, whose backends count as `postgres`
 * @param {Record<string, string>} options.subgraphs name → metrics URL
 * @param {Record<string, number>} [options.shared] name → pid of servers shared with the rest of the machine
 *   (NATS, Redis; see sharedServers); with it, PostgreSQL's own background processes count as `postgres-server`
 */
function makeProbe({ processes, databaseNames, subgraphs, shared }) {
  const snapshot = async () => {
    const cpu = Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, cpuSeconds(pid)]));
    const sharedCpu = Object.fromEntries(Object.entries(shared ?? {}).map(([name, pid]) => [name, cpuSeconds(pid)]));
    const pg = await postgresProcesses(databaseNames);
    const postgres = new Map(pg.backends.map((pid) => [pid, cpuSeconds(pid)]));
    const postgresServer = new Map(pg.server.map((pid) => [pid, cpuSeconds(pid)]));
    const client = process.cpuUsage();
    const fetches = Object.fromEntries(await Promise.all(Object.entries(subgraphs).map(async ([name, url]) => [name, await graphqlRequestCount(url)])));
    return { cpu, sharedCpu, postgres, postgresDatabaseOf: pg.databaseOf, postgresServer, postgresSource: pg.source, client, fetches };
  };
  // a process started during the run counts from zero; one that ended during it is lost (rare: pools keep theirs)
  const summed = (before, after, only = () => true) => {
    let seconds = 0;
    for (const [pid, value] of after) if (value !== null && only(pid)) seconds += value - (before.get(pid) ?? 0);
    return seconds;
  };
  /** The backends' CPU per database (the name after the stack's prefix), where pg_stat_activity told which. */
  const byDatabase = (before, after) => {
    const names = new Set(after.postgresDatabaseOf.values());
    return Object.fromEntries(
      [...names].map((name) => [name.split('_').pop(), summed(before.postgres, after.postgres, (pid) => after.postgresDatabaseOf.get(pid) === name)]),
    );
  };
  const perRequest = (before, after, requests) => {
    const cpuMs = {};
    for (const name of Object.keys(processes)) {
      if (before.cpu[name] !== null && after.cpu[name] !== null) cpuMs[name] = perMille(after.cpu[name] - before.cpu[name], requests);
    }
    cpuMs.postgres = perMille(summed(before.postgres, after.postgres), requests);
    const postgresByDatabaseMs = Object.fromEntries(Object.entries(byDatabase(before, after)).map(([name, seconds]) => [name, perMille(seconds, requests)]));
    const sharedCpuMs = {};
    if (shared) {
      for (const name of Object.keys(shared)) {
        if (before.sharedCpu[name] !== null && after.sharedCpu[name] !== null)
          sharedCpuMs[name] = perMille(after.sharedCpu[name] - before.sharedCpu[name], requests);
      }
      sharedCpuMs['postgres-server'] = perMille(summed(before.postgresServer, after.postgresServer), requests);
    }
    const clientMs = perMille((after.client.user + after.client.system - before.client.user - before.client.system) / 1e6, requests);
    const fetches = {};
    for (const name of Object.keys(subgraphs)) fetches[name] = round((after.fetches[name] - before.fetches[name]) / requests);
    if (!shared) return { cpuMs: { ...cpuMs, client: clientMs }, fetches };
    // shared servers apart: their figures include the rest of the machine's use of them
    return { cpuMs, sharedCpuMs, postgresByDatabaseMs, clientCpuMs: clientMs, postgresSource: after.postgresSource, fetches };
  };
  return { snapshot, perRequest };
}

const round = (value) => Math.round(value * 1000) / 1000;
const perMille = (seconds, requests) => round((seconds * 1000) / requests);

module.exports = { makeProbe, cpuSeconds, sharedServers, listeningPid };
