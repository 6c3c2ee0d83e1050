'use strict';
/**
 * The project runs on the Node.js that package.json's `engines.node` declares. It is a pinned dev
 * dependency (the registry's `node` package), so after `npm ci` every npm script finds it first on
 * its PATH (node_modules/.bin/node). A script started by an older system Node (a fresh clone's
 * `npm start` or `npm test`, before anything was installed) calls `useDeclaredRuntime` once the
 * dependencies are there: it runs itself again on the project's Node and exits with its code.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const projectNode = path.join(root, 'node_modules', '.bin', 'node');

/** The lowest major version `engines.node` accepts (">=24" → 24). */
function declaredMajor() {
  const { engines } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const match = /(\d+)/.exec(engines?.node ?? '');
  if (!match) throw new Error('package.json declares no engines.node');
  return Number(match[1]);
}

/** Set for the re-run process, so that times it reports count from the first process's start. */
const STARTED_AT = 'ULTRAMARKET_STARTED_AT';

/** When the command began, in ms since the epoch: the first process's start, across a re-run. */
function startedAt() {
  const inherited = Number(process.env[STARTED_AT]);
  return Number.isFinite(inherited) && inherited > 0 ? inherited : Math.round(performance.timeOrigin);
}

const major = (version) => Number(version.replace(/^v/, '').split('.')[0]);

/**
 * Returns when this process already runs on the declared Node; otherwise runs the same script with
 * the same arguments on node_modules/.bin/node and exits with its status. Says what to do when the
 * project's Node is not installed.
 */
function useDeclaredRuntime(log = console.log) {
  const wanted = declaredMajor();
  if (major(process.version) >= wanted) return;
  if (!fs.existsSync(projectNode)) {
    console.error(
      `UltraMarket needs Node ${wanted} or newer; this is ${process.version} and node_modules/.bin/node is missing. Run \`npm ci\` (it installs Node ${wanted} as a dependency) and try again.`,
    );
    process.exit(1);
  }
  log(`running on the project's Node (node_modules/.bin/node) instead of the system's ${process.version}`);
  // Ctrl-C reaches both processes: this one waits for the child to stop cleanly instead of dying first
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {});
  const env = { ...process.env, [STARTED_AT]: String(startedAt()) };
  const result = spawnSync(projectNode, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env });
  if (result.error) throw result.error;
  // a child killed by Ctrl-C: end the same way
  if (result.signal) process.kill(process.pid, result.signal);
  process.exit(result.status ?? 1);
}

module.exports = { useDeclaredRuntime, declaredMajor, projectNode, startedAt };
