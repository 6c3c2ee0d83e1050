'use strict';
/**
 * The explorer test drives Debian's Chromium (never a browser build downloaded by a test tool).
 * `ensureChromium` finds it at CHROMIUM_PATH (default /usr/bin/chromium), installs Debian's
 * `chromium` package when it is missing and this user may (root with apt-get), and otherwise
 * returns the one command to run.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');

const chromiumPath = (env = process.env) => env.CHROMIUM_PATH || '/usr/bin/chromium';

function executable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function aptInstall(log) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'chromium'],
  ]) {
    log(`$ apt-get ${args.join(' ')}`);
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (result.error || result.status !== 0) return false;
  }
  return true;
}

/** `{ ok: true }` when Chromium can be launched, else `{ ok: false, problem }` with what to run. */
function ensureChromium({ env = process.env, log = console.log } = {}) {
  const file = chromiumPath(env);
  if (executable(file)) return { ok: true };
  const command = 'sudo apt-get update && sudo apt-get install -y chromium';
  if (env.CHROMIUM_PATH) {
    return { ok: false, problem: `CHROMIUM_PATH=${file} is not an executable: point it at Chromium, or unset it and run \`${command}\`.` };
  }
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && executable('/usr/bin/apt-get')) {
    log(`Chromium is missing at ${file} (the explorer test needs it): installing Debian's package`);
    if (aptInstall(log) && executable(file)) return { ok: true };
    return { ok: false, problem: `Installing Chromium with apt-get failed (see above); the explorer test needs it at ${file}.` };
  }
  return { ok: false, problem: `The explorer test needs Chromium at ${file}. Run: ${command}   (or set CHROMIUM_PATH to a Chromium binary)` };
}

module.exports = { ensureChromium, chromiumPath };
