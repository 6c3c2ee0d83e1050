'use strict';
/** The markdown table printed at the end, and the JSON file under bench/results/. */
const { mkdirSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const rps = (value) => `${Math.round(value)} req/s`;
/** `process` names the process whose CPU time per request is shown (from the run's probe). */
function side(label, summary, process) {
  const own = summary.perRequest?.cpuMs?.[process];
  const cpu = own === undefined ? '' : `; CPU/req ${own.toFixed(2)} ms in ${process}, ${summary.cpuMsTotal.toFixed(2)} ms in all`;
  return `${label}: ${rps(summary.rps)}, p50 ${summary.p50} ms, p99 ${summary.p99} ms${cpu}`;
}
const verdict = (met) => (met ? 'met' : '**MISSED**');
const capacity = (result) => (result.cpuRatio === undefined ? '' : `; by CPU per request ${result.cpuRatio.toFixed(2)}×`);
const statements = (counts) => `catalog ${counts.catalog}, inventory ${counts.inventory}`;

function markdownTable(results) {
  const rows = ['| # | benchmark | A | B | A vs B (median of rounds) | goal | result |', '| --- | --- | --- | --- | --- | --- | --- |'];
  const { P1, P2, P3 } = results;
  if (P1) {
    rows.push(
      `| P1 | federated list, 20 products, catalog + inventory | ${side('our gateway', P1.a, 'ours')} | ${side('Hive Gateway --jit', P1.b, 'hive')} | ${P1.rpsRatio.toFixed(2)}× throughput${capacity(P1)} | ≥ 1.5× | ${verdict(P1.met)} |`,
    );
  }
  if (P2) {
    rows.push(
      `| P2 | product(id), one hop | ${side('gateway', P2.a, 'gateway')} | ${side('catalog direct', P2.b, 'catalog')} | ${P2.rpsRatio.toFixed(2)}× throughput, ${P2.p99Ratio.toFixed(2)}× p99${capacity(P2)} | ≥ 0.5×, p99 ≤ 2.5× | ${verdict(P2.met)} |`,
    );
  }
  if (P3) {
    rows.push(
      `| P3 | SQL statements per request, products { id stock } | first: 10 → ${statements(P3.first10)} | first: 100 → ${statements(P3.first100)} | idle window: ${statements(P3.idleWindowStatements)} | equal | ${verdict(P3.met)} |`,
    );
  }
  return rows.join('\n');
}

function writeJson(root, config, results) {
  const dir = path.join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const machine = {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
  };
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), machine, config, results }, null, 2)}\n`);
  return file;
}

module.exports = { markdownTable, writeJson };
