import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const kit = path.resolve(__dirname, '../dist/index.js');

/** A tiny `main` run as its own process: how it exits and what it prints to stderr. */
async function runMain(source: string): Promise<{ code: number; stderr: string }> {
  const script = `const kit = require(${JSON.stringify(kit)});\n${source}`;
  return run(process.execPath, ['-e', script], { env: { ...process.env, APOLLO_TELEMETRY_DISABLED: 'true' } }).then(
    ({ stderr }) => ({ code: 0, stderr }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );
}

describe('runSubgraph: a service that cannot start', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'start-failure-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('prints a ConfigError thrown while its definition loads as one line naming the variable, and exits with 1', async () => {
    // a definition module that reads its configuration as it loads, as payments does
    const module = path.join(directory, 'demo.subgraph.js');
    await writeFile(
      module,
      `const { ConfigError } = require(${JSON.stringify(kit)});\nthrow new ConfigError('DEMO_PROVIDER', 'is simulated with NODE_ENV=production. Configure the real one');\n`,
    );
    const { code, stderr } = await runMain(`kit.runSubgraph('demo', () => import(${JSON.stringify(module)}).then((m) => m.demoSubgraph));`);
    expect(code).toBe(1);
    expect(stderr).toBe('demo subgraph failed to start: Invalid configuration: DEMO_PROVIDER is simulated with NODE_ENV=production. Configure the real one\n');
  });

  it('prints a ConfigError of the kit’s own configuration at start as one line', async () => {
    const { code, stderr } = await runMain(
      `process.env.PORT = 'eighty';\nkit.runSubgraph('demo', () => ({ name: 'demo', defaultPort: 4999, entities: [], migrations: [], publishes: [], schema: async () => null }));`,
    );
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^demo subgraph failed to start: Invalid configuration: PORT must be an integer/)]);
  });

  it('keeps the stack of an unexpected error', async () => {
    const { code, stderr } = await runMain(`kit.runSubgraph('demo', () => { throw new TypeError('definition is broken'); });`);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^demo subgraph failed to start: TypeError: definition is broken\n\s+at /);
  });
});
