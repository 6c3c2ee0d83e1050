'use strict';
/** Runs Hive Gateway (`hive-gateway supergraph <file>`, with `--jit` for P1, otherwise its defaults) on 127.0.0.1. */
const { execFileSync, spawn } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');
const { freePort } = require('../../scripts/lib/stack.js');

async function waitForReady(url, child, output, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`hive-gateway exited with code ${child.exitCode}:\n${output.join('').slice(-2000)}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`hive-gateway was not ready within ${timeoutMs} ms:\n${output.join('').slice(-2000)}`);
}

/**
 * Hive Gateway lives in bench/hive, outside UltraMarket's dependency tree (it drags in packages the
 * product never uses, an in-memory Redis stand-in among them); installed from its own lock on first use.
 */
function hiveGatewayBin(root) {
  const dir = path.join(root, 'bench', 'hive');
  const bin = path.join(dir, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');
  if (!existsSync(bin)) {
    console.log('installing Hive Gateway for the comparison (bench/hive, npm ci)…');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir, stdio: 'inherit' });
  }
  return bin;
}

async function startHiveGateway({ root, supergraphFile, cwd, env = {}, jit = true }) {
  const port = await freePort();
  const bin = hiveGatewayBin(root);
  const child = spawn(process.execPath, [bin, 'supergraph', supergraphFile, ...(jit ? ['--jit'] : []), '--host', '127.0.0.1', '--port', String(port)], {
    cwd,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  try {
    await waitForReady(`http://127.0.0.1:${port}/readiness`, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}/graphql`, port, pid: child.pid, stop };
}

module.exports = { startHiveGateway };
