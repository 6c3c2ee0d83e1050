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
  // as ours does (subgraphs refuse storefront reads that name no store)
  writeFileSync(
    path.join(dir, 'gateway.config.mjs'),
    `export const gatewayConfig = {
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ 'x-store-id': request.headers.get('x-store-id') ?? undefined }),
  },
};
`,
  );
  return { dir, file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

module.exports = { writeSupergraphCopy };
