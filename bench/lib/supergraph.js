'use strict';
/** Copies the committed supergraph with the bench stack's subgraph URLs, for gateways other than ours. */
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function writeSupergraphCopy(root, services) {
  const source = readFileSync(path.join(root, 'schema', 'supergraph.graphql'), 'utf8');
  const sdl = source.replace(/(@join__graph\(name: ")([^"]+)(", url: ")[^"]*(")/g, (_match, before, name, middle, after) => {
    if (!services[name]) throw new Error(`the supergraph names subgraph ${name}, which the bench stack does not run`);
    return `${before}${name}${middle}${services[name].url}${after}`;
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ultramarket-bench-'));
  const file = path.join(dir, 'supergraph.graphql');
  writeFileSync(file, sdl);
  // Hive Gateway reads gateway.config.* from its working directory: it forwards the shopper's store,
  // as ours does (subgraphs refuse storefront reads that name no store), and signs every subgraph
  // request as ours does (subgraphs answer nothing else), with the kit's own signing function, on the
  // final headers and body (wrapping the fetch itself, after every other hook has had its say)
  const signing = path.join(root, 'subgraphs', 'kit', 'dist', 'security', 'gateway-signature.js');
  writeFileSync(
    path.join(dir, 'gateway.config.mjs'),
    `import { createRequire } from 'node:module';
const { GATEWAY_SIGNATURE_HEADER, signGatewayRequest } = createRequire(import.meta.url)(${JSON.stringify(signing)});
const secret = process.env.SUBGRAPH_SIGNING_SECRET;
const signSubgraphFetches = {
  onFetch({ setFetchFn, fetchFn }) {
    setFetchFn((url, options = {}, ...rest) => {
      const { pathname, search } = new URL(url);
      const headers = options.headers instanceof Headers ? Object.fromEntries(options.headers) : { ...options.headers };
      const body = typeof options.body === 'string' ? options.body : '';
      headers[GATEWAY_SIGNATURE_HEADER] = signGatewayRequest(secret, { method: options.method ?? 'GET', target: pathname + search, body, headers });
      return fetchFn(url, { ...options, headers }, ...rest);
    });
  },
};
export const gatewayConfig = {
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ 'x-store-id': request.headers.get('x-store-id') ?? undefined }),
  },
  plugins: () => [signSubgraphFetches],
};
`,
  );
  return { dir, file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

module.exports = { writeSupergraphCopy };
