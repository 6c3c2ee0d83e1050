'use strict';
/**
 * `npm test`: every test, on a fresh clone as on a working machine.
 *
 *   1. installs dependencies (npm ci) when node_modules is missing, then runs on the project's Node
 *   2. checks PostgreSQL, Redis and NATS, starting local servers that are down (as `npm start` does)
 *   3. makes sure Debian's Chromium is there for the explorer test: installs it with apt-get when
 *      this user can, otherwise stops with the one command to run (a test is never skipped silently)
 *   4. builds the workspaces, then runs jest: the whole suite as two jest runs side by side, each in
 *      band (lib/jest-runs.js): the end-to-end suites (each starts a whole stack; one stack at a time)
 *      and the unit and integration suites (in process). With extra arguments, one jest run in band,
 *      as they say: `npm test -- gateway/test/explorer.e2e.test.ts`
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { ensureDependencies, ensureBuild, root } = require('./lib/prepare');
const { useDeclaredRuntime } = require('./lib/runtime');
const { runProjectsSideBySide } = require('./lib/jest-runs');

const log = (message) => console.log(`[test] ${message}`);

async function main() {
  ensureDependencies(log);
  useDeclaredRuntime(log);
  const { ensureInfrastructure } = require('./lib/infra');
  const { ensureChromium } = require('./lib/chromium');

  log('checking PostgreSQL, Redis and NATS');
  const infra = await ensureInfrastructure({ log });
  if (!infra.ok) {
    console.error(`\nThe tests need these servers:\n\n${infra.problems.join('\n')}\n`);
    return 1;
  }
  const chromium = ensureChromium({ log });
  if (!chromium.ok) {
    console.error(`\n${chromium.problem}\n`);
    return 1;
  }
  ensureBuild({ force: true, log });

  const env = { ...process.env, APOLLO_TELEMETRY_DISABLED: 'true' };
  const extraArguments = process.argv.slice(2);
  if (extraArguments.length === 0) return runProjectsSideBySide({ root, env, log });
  const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
  const result = spawnSync(process.execPath, [jest, '--runInBand', ...extraArguments], { cwd: root, stdio: 'inherit', env });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[test] ${error.message}`);
    process.exit(1);
  },
);
