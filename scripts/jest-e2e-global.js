'use strict';
/**
 * jest's global setup and teardown for the e2e project: in a run in band, suites share stacks through
 * the pool (scripts/lib/stack-pool.js), and the teardown stops them. With several workers each suite
 * starts its own (a worker's pooled stacks would outlive it).
 */
const { drainPool } = require('./lib/stack-pool');

async function setup(globalConfig) {
  if (globalConfig.maxWorkers === 1) process.env.ULTRAMARKET_STACK_POOL = 'on';
}

async function teardown() {
  await drainPool();
}

module.exports = { setup, teardown };
