'use strict';
/**
 * Interleaved comparison of two targets: a warm-up run of each, then rounds A, B, A, B…, and the
 * median of the per-round ratios (robust against the machine's slow moments, which hit one round
 * of each target rather than all runs of one).
 */
const { load } = require('./load');

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * @param {object} options
 * @param {{name: string, url: string, nextBody: () => string, headers?: object, signingSecret?: string, cpuOf?: string[]}} options.a
 *   `cpuOf`: the probe's processes that serve this side's requests, summed into `cpuMsTotal`
 * @param {{name: string, url: string, nextBody: () => string, headers?: object, signingSecret?: string, cpuOf?: string[]}} options.b
 * @param {number} options.rounds
 * @param {number} options.durationSeconds per run
 * @param {number} options.warmupSeconds
 * @param {number} options.connections
 * @param {{snapshot(): Promise<object>, perRequest(before: object, after: object, requests: number): object}} [options.probe]
 * @param {(line: string) => void} [options.log]
 */
async function compare({ a, b, rounds, durationSeconds, warmupSeconds, connections, probe, log = () => {} }) {
  const run = async (target, seconds, label) => {
    const before = await probe?.snapshot();
    const result = await load({
      url: target.url,
      nextBody: target.nextBody,
      headers: target.headers,
      signingSecret: target.signingSecret,
      connections,
      durationSeconds: seconds,
      title: label,
    });
    if (probe) {
      result.perRequest = probe.perRequest(before, await probe.snapshot(), result.requests);
      if (target.cpuOf) result.cpuMsTotal = target.cpuOf.reduce((sum, name) => sum + (result.perRequest.cpuMs[name] ?? 0), 0);
    }
    return result;
  };
  for (const target of [a, b]) {
    const warm = await run(target, warmupSeconds, `${target.name} warm-up`);
    assertNoErrors(warm);
  }
  const runs = [];
  for (let round = 1; round <= rounds; round += 1) {
    const ra = await run(a, durationSeconds, `${a.name} #${round}`);
    assertNoErrors(ra);
    const rb = await run(b, durationSeconds, `${b.name} #${round}`);
    assertNoErrors(rb);
    const cpuRatio = ra.cpuMsTotal && rb.cpuMsTotal ? rb.cpuMsTotal / ra.cpuMsTotal : undefined;
    runs.push({ round, a: ra, b: rb, rpsRatio: ra.rps / rb.rps, p99Ratio: ra.latency.p99 / Math.max(rb.latency.p99, 1), cpuRatio });
    log(
      `  round ${round}: ${a.name} ${ra.rps.toFixed(0)} req/s (p99 ${ra.latency.p99} ms), ${b.name} ${rb.rps.toFixed(0)} req/s (p99 ${rb.latency.p99} ms), ratio ${(ra.rps / rb.rps).toFixed(2)}`,
    );
  }
  return {
    rounds: runs,
    a: summarise(runs.map((r) => r.a)),
    b: summarise(runs.map((r) => r.b)),
    rpsRatio: median(runs.map((r) => r.rpsRatio)),
    p99Ratio: median(runs.map((r) => r.p99Ratio)),
    // how many times more requests A serves than B per CPU-second of everything involved
    cpuRatio: runs.every((r) => r.cpuRatio !== undefined) ? median(runs.map((r) => r.cpuRatio)) : undefined,
  };
}

function summarise(results) {
  const summary = {
    rps: median(results.map((r) => r.rps)),
    p50: median(results.map((r) => r.latency.p50)),
    p99: median(results.map((r) => r.latency.p99)),
    requests: results.reduce((sum, r) => sum + r.requests, 0),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
  };
  if (results[0].perRequest) summary.perRequest = medianPerRequest(results.map((r) => r.perRequest));
  if (results[0].cpuMsTotal !== undefined) summary.cpuMsTotal = median(results.map((r) => r.cpuMsTotal));
  return summary;
}

/** Medians, key by key, of the runs' `{ cpuMs: {...}, fetches: {...} }`. */
function medianPerRequest(perRequests) {
  const out = {};
  for (const group of Object.keys(perRequests[0])) {
    out[group] = {};
    for (const key of Object.keys(perRequests[0][group])) {
      out[group][key] = Math.round(median(perRequests.map((p) => p[group][key]).filter((v) => v !== undefined)) * 1000) / 1000;
    }
  }
  return out;
}

/** Zero errors or the whole bench fails: a fast wrong answer is not a result. */
function assertNoErrors(result) {
  if (result.errors > 0) {
    throw new Error(`${result.title}: ${result.errors} of ${result.requests} requests failed, e.g.\n  ${result.errorSamples.join('\n  ')}`);
  }
}

module.exports = { compare, median, assertNoErrors };
