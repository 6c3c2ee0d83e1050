'use strict';
/**
 * Stacks shared between end-to-end suites. Starting a stack costs about 25 CPU-seconds (eleven Node
 * processes loading their modules, ten databases migrated): most of an end-to-end suite's time on a
 * two-core machine. Suites that need a stack with the same settings and leave it as they found it
 * (no service killed or restarted, data only in stores and users of their own) take one from this
 * pool instead of starting their own.
 *
 * The pool lives while one jest run does, in band: jest's e2e global setup turns it on
 * (ULTRAMARKET_STACK_POOL=on) and its teardown stops every pooled stack and drops its databases. jest
 * loads this module afresh for each suite, so the pool itself hangs off a Node core module, which
 * every suite of the process shares. Without the pool (a suite run by other means, or jest with
 * several workers), `acquireStack` starts a stack of the suite's own and `releaseStack` stops it.
 */
const os = require('node:os');
const { randomBytes } = require('node:crypto');
const { startStack, stopStack, dropDatabases } = require('./stack');

const POOL = Symbol.for('ultramarket.e2e.stack-pool');
/** How many pooled stacks may be up at once (the oldest is stopped first): each holds eleven processes. */
const MAX_POOLED = 2;

function pool() {
  if (process.env.ULTRAMARKET_STACK_POOL !== 'on') return null;
  os[POOL] ??= { entries: new Map() };
  return os[POOL];
}

function suiteName(prefix) {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/** The settings that make two stacks interchangeable, as a stable key. */
function keyOf(env, gatewayEnv) {
  const sorted = (values) => Object.entries(values).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([sorted(env), sorted(gatewayEnv)]);
}

function alive(stack) {
  return Object.values(stack.services).every(({ child }) => child.exitCode === null && child.signalCode === null);
}

/**
 * Stops a pooled stack and drops its databases and streams with this module's own functions, never with the
 * stack's `stop`: that closure belongs to the suite that started the stack, whose jest environment is torn down
 * by now (a module it would load then, such as nats, can no longer be loaded).
 */
async function discard(stack) {
  await stopStack(stack);
  await dropDatabases(stack.databaseNames);
}

/**
 * A pooled stack seen by one suite: everything a suite reads, but it cannot stop, kill or restart
 * services other suites will use (a suite that must, starts its own with `startStack`).
 */
function sharedView(stack) {
  const refuse = (what) => () => Promise.reject(new Error(`a pooled stack cannot be ${what}: start the suite's own with startStack`));
  return { ...stack, pooled: true, stop: async () => undefined, kill: refuse('killed'), restart: refuse('restarted') };
}

/**
 * A stack with these settings: a pooled one when the pool is on (started on first use, replaced when
 * one of its services has died), otherwise one of the suite's own, named after `name`.
 */
async function acquireStack({ name = 'suite', env = {}, gatewayEnv = {} } = {}) {
  const shared = pool();
  if (!shared) return startStack({ namespace: suiteName(name), env, gatewayEnv });
  const key = keyOf(env, gatewayEnv);
  let entry = shared.entries.get(key);
  if (entry) {
    const stack = await entry.started.catch(() => null);
    if (stack && alive(stack)) return sharedView(stack);
    shared.entries.delete(key);
    if (stack) await discard(stack);
  }
  while (shared.entries.size >= MAX_POOLED) {
    const [oldestKey, oldest] = shared.entries.entries().next().value;
    shared.entries.delete(oldestKey);
    const stack = await oldest.started.catch(() => null);
    if (stack) await discard(stack);
  }
  entry = { started: startStack({ namespace: suiteName('pool'), env, gatewayEnv }) };
  shared.entries.set(key, entry);
  try {
    return sharedView(await entry.started);
  } catch (error) {
    shared.entries.delete(key);
    throw error;
  }
}

/** Ends a suite's use of a stack: a pooled one stays up for the next suite; a suite's own is stopped and its databases dropped. */
async function releaseStack(stack) {
  if (!stack || stack.pooled) return;
  await stack.stop();
  await dropDatabases(stack.databaseNames);
}

/** Stops every pooled stack and drops its databases (jest's e2e teardown). */
async function drainPool() {
  const shared = os[POOL];
  if (!shared) return;
  const entries = [...shared.entries.values()];
  shared.entries.clear();
  for (const entry of entries) {
    const stack = await entry.started.catch(() => null);
    if (stack) await discard(stack);
  }
}

module.exports = { acquireStack, releaseStack, drainPool, MAX_POOLED };
