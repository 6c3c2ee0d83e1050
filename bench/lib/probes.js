'use strict';
/**
 * What each run cost besides its throughput: CPU time per request of every process involved
 * (gateways, subgraphs, the stack's PostgreSQL backends, this process as the load generator; from
 * /proc, so Linux only) and subgraph fetches per request (from the subgraphs' request counters:
 * about 1 per fetch the plan needs, a little more because requests still in flight when a run
 * ends are counted too). Unlike throughput, CPU per request barely moves when other work shares
 * the machine, so the ratio of summed CPU per request is shown next to the throughput ratio.
 */
const { readdirSync, readFileSync } = require('node:fs');

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

/** PostgreSQL backends serving the given databases (their titles name the database). */
function postgresBackends(databaseNames) {
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
 */
function makeProbe({ processes, databaseNames, subgraphs }) {
  const snapshot = async () => {
    const cpu = Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, cpuSeconds(pid)]));
    const postgres = new Map(postgresBackends(databaseNames).map((pid) => [pid, cpuSeconds(pid)]));
    const client = process.cpuUsage();
    const fetches = Object.fromEntries(await Promise.all(Object.entries(subgraphs).map(async ([name, url]) => [name, await graphqlRequestCount(url)])));
    return { cpu, postgres, client, fetches };
  };
  const perRequest = (before, after, requests) => {
    const cpuMs = {};
    for (const name of Object.keys(processes)) {
      if (before.cpu[name] !== null && after.cpu[name] !== null) cpuMs[name] = perMille(after.cpu[name] - before.cpu[name], requests);
    }
    let postgres = 0;
    // a backend started during the run counts from zero; one that ended during it is lost (rare)
    for (const [pid, seconds] of after.postgres) if (seconds !== null) postgres += seconds - (before.postgres.get(pid) ?? 0);
    cpuMs.postgres = perMille(postgres, requests);
    cpuMs.client = perMille((after.client.user + after.client.system - before.client.user - before.client.system) / 1e6, requests);
    const fetches = {};
    for (const name of Object.keys(subgraphs)) fetches[name] = round((after.fetches[name] - before.fetches[name]) / requests);
    return { cpuMs, fetches };
  };
  return { snapshot, perRequest };
}

const round = (value) => Math.round(value * 1000) / 1000;
const perMille = (seconds, requests) => round((seconds * 1000) / requests);

module.exports = { makeProbe, cpuSeconds };
