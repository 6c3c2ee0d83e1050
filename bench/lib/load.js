'use strict';
/**
 * One autocannon run against one GraphQL endpoint. Each request gets a fresh body from `nextBody()`
 * (randomised variables, so neither in-flight deduplication nor caching can help anyone), and every
 * response is checked: a non-2xx status, a socket error, a timeout or a body without `data` or with
 * GraphQL `errors` counts as an error.
 */
const autocannon = require('autocannon');
const { GATEWAY_SIGNATURE_HEADER, signGatewayRequest } = require('../../subgraphs/kit/dist/security/gateway-signature');

/** With `signingSecret`, each request is signed as the gateway signs it (a subgraph reached directly answers nothing else). */
async function load({ url, nextBody, headers = {}, signingSecret, connections, durationSeconds, title }) {
  const { hostname, port, pathname } = new URL(url);
  if (hostname !== '127.0.0.1' && hostname !== 'localhost') throw new Error(`the bench only talks to 127.0.0.1, not ${hostname}`);
  const samples = [];
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: durationSeconds,
    title,
    // every body is checked; a failing one counts as a mismatch (verifyBody costs the load generator
    // less than onResponse, which converts each response's headers first)
    verifyBody(body) {
      if (body.startsWith('{"data":') && !body.includes('"errors":')) return true;
      if (samples.length < 3) samples.push(body.slice(0, 300));
      return false;
    },
    requests: [
      {
        method: 'POST',
        path: pathname,
        headers: { 'content-type': 'application/json', ...headers },
        setupRequest(request) {
          request.body = nextBody();
          if (signingSecret) {
            // the signature header itself is not signed: the previous request's is simply replaced
            const signature = signGatewayRequest(signingSecret, { method: 'POST', target: pathname, body: request.body, headers: request.headers });
            request.headers = { ...request.headers, [GATEWAY_SIGNATURE_HEADER]: signature };
          }
          return request;
        },
      },
    ],
  });
  const completed = result.latency.totalCount;
  const errors = result.non2xx + result.mismatches + result.errors + result.timeouts;
  const counts = `${result.non2xx} non-2xx, ${result.mismatches} bodies with errors or no data, ${result.errors} socket errors, ${result.timeouts} timeouts`;
  return {
    title,
    requests: completed,
    rps: completed / result.duration,
    latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.average },
    errors,
    errorSamples: errors > 0 ? [counts, ...samples] : [],
  };
}

module.exports = { load };
