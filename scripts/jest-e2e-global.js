'use strict';
/**
 * jest's global setup and teardown for the e2e project: in a run in band, suites share stacks through
 * the pool (scripts/lib/stack-pool.js), whose one SMTP inbox and media folder the setup opens here,
 * outside every suite's environment; the teardown stops the stacks and closes them. With several
 * workers each suite starts its own (a worker's pooled stacks would outlive it).
 */
const { openPool, drainPool } = require('./lib/stack-pool');

async function setup(globalConfig) {
  if (globalConfig.maxWorkers !== 1) return;
  process.env.ULTRAMARKET_STACK_POOL = 'on';
  await openPool();
}

async function teardown() {
  await drainPool();
}

module.exports = { setup, teardown };
