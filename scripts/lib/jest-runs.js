'use strict';
/**
 * The whole test suite as two jest runs side by side, each in band: the `e2e` project (each suite
 * starts a whole stack of ten processes, so one suite at a time) and the `unit-integration` project
 * (suites in this process, their own databases and event namespaces). An end-to-end suite mostly
 * waits (on its services' start-up, on events crossing NATS), so the other run fills that time; run
 * one after the other they took the sum of both. Each run's lines are relayed whole, so the two never
 * mix within a line, and the runs' counts end the output as the one `tests: …` line of a single run.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const { summaryLine } = require('../jest-summary-reporter');

const PROJECTS = ['e2e', 'unit-integration'];

/** Relays a stream line by line to `target`. */
function relayLines(stream, target) {
  readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => target.write(`${line}\n`));
}

function runProject(project, { root, env, summaryFile }) {
  const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
  const color = process.stdout.isTTY ? { FORCE_COLOR: '1' } : {};
  const child = spawn(process.execPath, [jest, '--runInBand', '--selectProjects', project], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...env, ...color, JEST_SUMMARY_FILE: summaryFile },
  });
  relayLines(child.stdout, process.stdout);
  relayLines(child.stderr, process.stderr);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Runs both projects at once; resolves to 0 when both passed. */
async function runProjectsSideBySide({ root, env, log }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ultramarket-test-'));
  try {
    log(`running the ${PROJECTS.join(' and ')} suites side by side, each in band`);
    const summaryFiles = PROJECTS.map((project) => path.join(dir, `${project}.json`));
    const codes = await Promise.all(PROJECTS.map((project, index) => runProject(project, { root, env, summaryFile: summaryFiles[index] })));
    const totals = { passed: 0, failed: 0, skipped: 0 };
    for (const [index, file] of summaryFiles.entries()) {
      if (!fs.existsSync(file)) {
        // the run ended before jest reported (it could not start): count it as a failure
        totals.failed += 1;
        log(`the ${PROJECTS[index]} run ended without results (exit code ${codes[index]})`);
        continue;
      }
      const counts = JSON.parse(fs.readFileSync(file, 'utf8'));
      for (const key of Object.keys(totals)) totals[key] += counts[key];
    }
    process.stderr.write(summaryLine(totals));
    return codes.every((code) => code === 0) && totals.failed === 0 ? 0 : 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { runProjectsSideBySide, PROJECTS };
