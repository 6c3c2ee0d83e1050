import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sourceFiles, variablesReadIn } from './support/env-variables';

/**
 * docs/configuration.md lists every environment variable the code reads, so a new variable
 * without a line there fails here. Variables are read from the sources (see ./support/env-variables)
 * of the services, the launcher and test runner (scripts/) and the benchmarks (bench/).
 */
const root = path.resolve(__dirname, '../..');
const doc = readFileSync(path.join(root, 'docs/configuration.md'), 'utf8');
/** Documented: the name appears in backticks, alone or in a `A` / `B` group of a table row. */
const documented = new Set([...doc.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map(([, name]) => name));

/** The operating system's own, which the docs need not explain. */
const SYSTEM = new Set(['PATH', 'HOME', 'CI', 'TERM']);

/** Benchmark knobs read through bench/lib/config.js's `int('BENCH_…', …)`. */
function benchVariables(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles('bench/lib')) {
    const text = readFileSync(path.join(root, file), 'utf8');
    for (const match of text.matchAll(/\bint\(\s*'([A-Z][A-Z0-9_]*)'/g)) found.set(match[1], file);
  }
  return found;
}

function variablesInCode(): Map<string, string> {
  const subgraphs = readdirSync(path.join(root, 'subgraphs')).map((name) => `subgraphs/${name}/src`);
  const found = new Map<string, string>();
  for (const dir of [...subgraphs, 'gateway/src', 'scripts/lib', 'bench/lib']) {
    for (const [name, where] of variablesReadIn(dir)) found.set(name, where);
  }
  // the entry scripts at the top of scripts/ and bench/, not their test folders
  for (const dir of ['scripts', 'bench']) {
    for (const [name, where] of variablesReadIn(dir)) if (path.dirname(where.split(':')[0]) === dir) found.set(name, where);
  }
  for (const [name, where] of benchVariables()) found.set(name, where);
  for (const name of SYSTEM) found.delete(name);
  return found;
}

describe('docs/configuration.md', () => {
  const variables = variablesInCode();

  it('finds the variables in the code (sanity check of this test)', () => {
    for (const name of ['DATABASE_HOST', 'REDIS_URL', 'NATS_URL', 'JWT_ISSUER', 'BENCH_ROUNDS', 'CHROMIUM_PATH']) expect(variables.has(name)).toBe(true);
  });

  it('documents every environment variable the code reads', () => {
    const missing = [...variables].filter(([name]) => !documented.has(name)).map(([name, where]) => `${name} (read at ${where})`);
    expect(missing).toEqual([]);
  });
});
