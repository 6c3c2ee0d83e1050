import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSubgraphSigningSecret } from './signing-secret';

describe('loadSubgraphSigningSecret', () => {
  const keysDir = mkdtempSync(path.join(tmpdir(), 'signing-secret-'));
  afterAll(() => rmSync(keysDir, { recursive: true, force: true }));

  it('takes SUBGRAPH_SIGNING_SECRET, at least 32 characters', () => {
    const secret = 'x'.repeat(32);
    expect(loadSubgraphSigningSecret({ SUBGRAPH_SIGNING_SECRET: secret, NODE_ENV: 'production' })).toBe(secret);
    expect(() => loadSubgraphSigningSecret({ SUBGRAPH_SIGNING_SECRET: 'short' })).toThrow(/SUBGRAPH_SIGNING_SECRET must be at least 32/);
  });

  it('is required in production', () => {
    expect(() => loadSubgraphSigningSecret({ NODE_ENV: 'production', JWT_KEYS_DIR: keysDir })).toThrow(/SUBGRAPH_SIGNING_SECRET is required in production/);
  });

  it('is generated once in the development key directory otherwise, and shared', () => {
    const first = loadSubgraphSigningSecret({ NODE_ENV: 'test', JWT_KEYS_DIR: keysDir });
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(loadSubgraphSigningSecret({ JWT_KEYS_DIR: keysDir })).toBe(first);
    expect(readFileSync(path.join(keysDir, 'subgraph-signing-secret'), 'utf8')).toBe(first);
  });
});
