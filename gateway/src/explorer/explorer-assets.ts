import { readFileSync } from 'node:fs';
import path from 'node:path';

const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/**
 * The explorer's files, all from the gateway's own dependencies (GraphiQL's UMD build bundles
 * graphql-ws): Apollo's landing page loads its explorer from a CDN, which shows nothing offline.
 */
const ASSETS: Record<string, { file: () => string; type: string }> = {
  'react.production.min.js': { file: () => path.join(packageDir('react'), 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.production.min.js': { file: () => path.join(packageDir('react-dom'), 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.min.js': { file: () => path.join(packageDir('graphiql'), 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.min.css': { file: () => path.join(packageDir('graphiql'), 'graphiql.min.css'), type: 'text/css' },
  // read from src/ in both src and dist: tsc does not copy plain browser scripts
  'explorer.js': { file: () => path.resolve(__dirname, '../../src/explorer/explorer.browser.js'), type: 'text/javascript' },
};

const cache = new Map<string, Buffer>();

export function explorerAsset(name: string): { body: Buffer; type: string } | null {
  const asset = ASSETS[name];
  if (!asset) return null;
  let body = cache.get(name);
  if (!body) {
    body = readFileSync(asset.file());
    cache.set(name, body);
  }
  return { body, type: asset.type };
}
