'use strict';
/**
 * Stacks shared between end-to-end suites. Starting a stack costs about 25 CPU-seconds (eleven Node
 * processes loading their modules, ten databases migrated): most of an end-to-end suite's time on a
 * two-core machine. Suites that need a stack with the same settings and leave it as they found it
 * (no service killed or restarted, data only in stores, users and email addresses of their own) take
 * one from this pool instead of starting their own.
 *
 * The pool lives while one jest run does, in band: jest's e2e global setup turns it on
 * (ULTRAMARKET_STACK_POOL=on) and opens the pool's resources, and its teardown stops every pooled
 * stack, drops its databases and closes the resources. jest loads this module afresh for each suite,
 * so the pool itself hangs off a Node core module, which every suite of the process shares. Without
 * the pool (a suite run by other means, or jest with several workers), `acquireStack` starts a stack
 * of the suite's own and `releaseStack` stops it.
 *
 * Every stack `acquireStack` answers, pooled or not, comes with what most suites used to start a stack
 * of their own for: an SMTP inbox its notifications send to, polled every 200 ms (`stack.inbox`:
 * `messages()`, `messagesTo(address)`, `waitForEmail({ to, subject, since })`), a media folder for
 * catalog's images, short job intervals and a carrier webhook secret (BASE_ENV). Pooled stacks share
 * the pool's one inbox and folder, so a suite reads only the mail of addresses it made up
 * (`name.<random>@example.com`), never the whole inbox.
 *
 * To pool a new suite: `stack = await acquireStack({ name: 'returns' })` in beforeAll and
 * `await releaseStack(stack)` in afterAll, with its own stores, users and addresses; read email from
 * `stack.inbox`. Pass `env` / `gatewayEnv` only for settings the default stack lacks: each different
 * set is another pooled stack (another start, and at most MAX_POOLED are up), so prefer one of the
 * existing sets (none, or UNTHROTTLED in gateway/test/support/unthrottled.ts). A suite that kills or
 * restarts a service, or whose settings would change what other suites see (short TTLs, low limits),
 * starts its own stack with `startStack` from scripts/lib/stack.js.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { randomBytes } = require('node:crypto');
const { startStack, stopStack, dropDatabases } = require('./stack');
const { startMailCatcher } = require('./mail-catcher');

const POOL = Symbol.for('ultramarket.e2e.stack-pool');
const RESOURCES = Symbol.for('ultramarket.e2e.stack-pool.resources');
/**
 * How many pooled stacks may be up at once (the oldest is stopped first): one. Each holds twelve processes and some 25
 * idle database connections; with a second one idle next to a suite's own stack and the in-process suites, the run
 * went past PostgreSQL's 100 connections.
 */
const MAX_POOLED = 1;
/**
 * Settings of every stack acquireStack starts, besides the inbox's address and the media folder: a request pool of
 * 4 connections a process (at most two stacks are up at once, the pooled one and a suite's own, next to the in-process
 * suites, and all must fit PostgreSQL's 100 connections; background work keeps its own 4), email, expired
 * reservations and bulk jobs picked up within 200 ms and each import's progress pushed (the defaults only make
 * suites wait longer), a carrier webhook secret (suites sign reports with it), and the gateway's metrics on (its
 * default outside production, spelled out for the suites that read them).
 */
const BASE_ENV = {
  DATABASE_POOL_SIZE: '4',
  NOTIFICATIONS_EMAIL_POLL_MS: '200',
  INVENTORY_RESERVATION_SWEEP_MS: '200',
  CATALOG_BULK_POLL_INTERVAL: '100ms',
  CATALOG_BULK_PROGRESS_INTERVAL: '0ms',
  SHIPPING_CARRIER_WEBHOOK_SECRET: 'e2e-carrier-webhook-secret',
};
const BASE_GATEWAY_ENV = { GATEWAY_METRICS: 'true' };

function pool() {
  if (process.env.ULTRAMARKET_STACK_POOL !== 'on') return null;
  os[POOL] ??= { entries: new Map() };
  return os[POOL];
}

/**
 * An SMTP inbox (scripts/lib/mail-catcher.js, keeping every message) and a media folder, with the settings that
 * point a stack at them: the pool's (one for every pooled stack) or a suite's own stack's.
 */
async function openResources(prefix) {
  const mail = await startMailCatcher({ log: () => undefined, host: '127.0.0.1', port: 0, quiet: true, maxKept: Infinity });
  if (!mail) throw new Error('the mail catcher of the end-to-end stacks could not start');
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-media-`));
  return {
    mail,
    env: { ...BASE_ENV, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(mail.port), CATALOG_MEDIA_DIR: mediaDir },
    async close() {
      await mail.close();
      fs.rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}

/**
 * The pool's inbox and media folder. jest's e2e global setup opens them, outside every suite's jest environment
 * (a server opened inside one would belong to a suite that ends); opened here on first use otherwise.
 */
function poolResources() {
  os[RESOURCES] ??= openResources('ultramarket-e2e-pool');
  return os[RESOURCES];
}

/**
 * A suite's view of an inbox: copies of its messages made in the suite's own JavaScript realm (the pool's inbox
 * lives in jest's, where a suite's `toEqual` would meet another realm's arrays), matched by recipient.
 */
function inboxView(mail) {
  const copy = (value) => JSON.parse(JSON.stringify(value));
  const to = (address) => (message) => message.to.some((recipient) => recipient.toLowerCase() === address.toLowerCase());
  return {
    port: mail.port,
    /** Every message kept, oldest first: in a pooled stack, other suites' too. */
    messages: () => copy(mail.messages()),
    /** The messages to one address, oldest first. */
    messagesTo: (address) => copy(mail.messages().filter(to(address))),
    /** The first message to `to` (whose subject matches, received at or after `since`), or the next to arrive. */
    waitForEmail: async (options) => copy(await mail.waitForEmail(options)),
  };
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

/** A stack of the suite's own, with an inbox and a media folder of its own that releaseStack closes. */
async function ownStack(name, env, gatewayEnv) {
  const resources = await openResources('ultramarket-e2e');
  try {
    const stack = await startStack({ namespace: suiteName(name), env: { ...resources.env, ...env }, gatewayEnv: { ...BASE_GATEWAY_ENV, ...gatewayEnv } });
    return { ...stack, inbox: inboxView(resources.mail), resources };
  } catch (error) {
    await resources.close();
    throw error;
  }
}

/**
 * A stack with these settings (over BASE_ENV, an inbox and a media folder): a pooled one when the pool is on
 * (started on first use, replaced when one of its services has died), otherwise one of the suite's own, named
 * after `name`. `stack.inbox` reads the mail its notifications sent.
 */
async function acquireStack({ name = 'suite', env = {}, gatewayEnv = {} } = {}) {
  const shared = pool();
  if (!shared) return ownStack(name, env, gatewayEnv);
  const resources = await poolResources();
  const inbox = inboxView(resources.mail);
  env = { ...resources.env, ...env };
  gatewayEnv = { ...BASE_GATEWAY_ENV, ...gatewayEnv };
  const key = keyOf(env, gatewayEnv);
  let entry = shared.entries.get(key);
  if (entry) {
    const stack = await entry.started.catch(() => null);
    if (stack && alive(stack)) return { ...sharedView(stack), inbox };
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
    return { ...sharedView(await entry.started), inbox };
  } catch (error) {
    shared.entries.delete(key);
    throw error;
  }
}

/**
 * Ends a suite's use of a stack: a pooled one stays up for the next suite; a suite's own is stopped, its databases
 * dropped and its inbox and media folder closed.
 */
async function releaseStack(stack) {
  if (!stack || stack.pooled) return;
  await stack.stop();
  await dropDatabases(stack.databaseNames);
  await stack.resources?.close();
}

/** Opens the pool's inbox and media folder (jest's e2e global setup, before any suite). */
async function openPool() {
  await poolResources();
}

/** Stops every pooled stack and drops its databases, then closes the pool's inbox and media folder (jest's e2e teardown). */
async function drainPool() {
  const shared = os[POOL];
  if (shared) {
    const entries = [...shared.entries.values()];
    shared.entries.clear();
    for (const entry of entries) {
      const stack = await entry.started.catch(() => null);
      if (stack) await discard(stack);
    }
  }
  const resources = os[RESOURCES];
  delete os[RESOURCES];
  if (resources) await (await resources.catch(() => null))?.close();
}

module.exports = { acquireStack, releaseStack, openPool, drainPool, MAX_POOLED, BASE_ENV };
