import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { createTransport } from 'nodemailer';
import type * as StackPool from '../lib/stack-pool';

jest.mock('../lib/stack', () => ({ startStack: jest.fn(), stopStack: jest.fn(), dropDatabases: jest.fn() }));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stackModule = require('../lib/stack') as { startStack: jest.Mock; stopStack: jest.Mock; dropDatabases: jest.Mock };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pool = require('../lib/stack-pool') as typeof StackPool;

const POOL = Symbol.for('ultramarket.e2e.stack-pool');

type StartOptions = { env: Record<string, string>; gatewayEnv: Record<string, string> };
const optionsOf = (call: number) => stackModule.startStack.mock.calls[call][0] as StartOptions;

/** Sends one email to a stack's inbox, as notifications would: over SMTP to SMTP_HOST:SMTP_PORT. */
async function send(env: Record<string, string>, to: string, subject: string) {
  const transport = createTransport({ host: env.SMTP_HOST, port: Number(env.SMTP_PORT), secure: false, ignoreTLS: true });
  await transport.sendMail({ from: 'shop@example.com', to, subject, text: `about ${subject}` });
  transport.close();
}

/** A service process: SIGTERM makes it exit. */
function fakeChild() {
  const child = Object.assign(new EventEmitter(), { exitCode: null as number | null, signalCode: null, kill: jest.fn() });
  child.kill.mockImplementation(() => {
    child.exitCode = 0;
    child.emit('exit');
  });
  return child;
}

/** A stack as startStack answers, with a gateway and a subgraph whose processes can be stopped or made to die. */
function fakeStack(namespace: string) {
  const gateway = fakeChild();
  const orders = fakeChild();
  const stack = {
    namespace,
    gatewayUrl: `http://gateway/${namespace}`,
    databaseNames: [`db_${namespace}`],
    services: { gateway: { name: 'gateway', child: gateway }, orders: { name: 'orders', child: orders } },
    stop: jest.fn(async () => undefined),
    kill: jest.fn(),
    restart: jest.fn(),
  };
  const stopped = () => gateway.kill.mock.calls.length > 0 && orders.kill.mock.calls.length > 0;
  return { stack, stopped, die: () => (orders.exitCode = 1) };
}

describe('the stack pool of the end-to-end suites', () => {
  let started: ReturnType<typeof fakeStack>[];

  beforeEach(() => {
    started = [];
    stackModule.startStack.mockReset().mockImplementation(async ({ namespace }: { namespace: string }) => {
      const made = fakeStack(namespace);
      started.push(made);
      return made.stack;
    });
    stackModule.dropDatabases.mockReset();
    // the module's stopStack, as it does: every process of the stack stopped (its streams deleted: not modelled)
    stackModule.stopStack.mockReset().mockImplementation(async (stack: { services: Record<string, { child: { kill(signal: string): void } }> }) => {
      for (const { child } of Object.values(stack.services)) child.kill('SIGTERM');
    });
    delete (os as unknown as Record<symbol, unknown>)[POOL];
  });
  afterEach(async () => {
    // closes the pool's inbox and media folder too
    await pool.drainPool();
    delete process.env.ULTRAMARKET_STACK_POOL;
  });

  it('without the pool, starts a stack of the suite’s own and stops it and drops its databases on release', async () => {
    const stack = await pool.acquireStack({ name: 'cart', env: { A: '1' } });
    expect(stackModule.startStack).toHaveBeenCalledWith({
      namespace: expect.stringMatching(/^cart_/),
      env: { ...pool.BASE_ENV, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(stack.inbox.port), CATALOG_MEDIA_DIR: expect.any(String), A: '1' },
      gatewayEnv: { GATEWAY_METRICS: 'true' },
    });
    const { env } = optionsOf(0);
    expect(existsSync(env.CATALOG_MEDIA_DIR)).toBe(true);
    await pool.releaseStack(stack);
    expect(started[0].stack.stop).toHaveBeenCalledTimes(1);
    expect(stackModule.dropDatabases).toHaveBeenCalledWith(started[0].stack.databaseNames);
    // its own inbox and media folder are gone with it
    expect(existsSync(env.CATALOG_MEDIA_DIR)).toBe(false);
    await expect(send(env, 'late@example.com', 'too late')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('gives each stack of its own an inbox of its own, which reads what its notifications sent', async () => {
    const first = await pool.acquireStack({ name: 'one' });
    const second = await pool.acquireStack({ name: 'two' });
    expect(first.inbox.port).not.toBe(second.inbox.port);
    await send(optionsOf(0).env, 'ada@example.com', 'Welcome');
    expect((await first.inbox.waitForEmail({ to: 'ADA@example.com', subject: /welcome/i, timeoutMs: 5000 })).subject).toBe('Welcome');
    expect(first.inbox.messagesTo('ada@example.com').map(({ subject }) => subject)).toEqual(['Welcome']);
    expect(second.inbox.messages()).toEqual([]);
    await pool.releaseStack(first);
    await pool.releaseStack(second);
  });

  it('with the pool, points every pooled stack at the pool’s one inbox and media folder, whatever their other settings', async () => {
    process.env.ULTRAMARKET_STACK_POOL = 'on';
    await pool.openPool();
    const plain = await pool.acquireStack({ name: 'cart' });
    const unthrottled = await pool.acquireStack({ name: 'race', env: { RATE: 'high' } });
    expect(stackModule.startStack).toHaveBeenCalledTimes(2);
    const [first, second] = [optionsOf(0), optionsOf(1)];
    expect(second.env).toEqual({ ...first.env, RATE: 'high' });
    expect(first.env).toMatchObject({ ...pool.BASE_ENV, SMTP_PORT: String(plain.inbox.port) });
    expect(unthrottled.inbox.port).toBe(plain.inbox.port);
    await send(first.env, 'grace@example.com', 'Your order');
    await send(second.env, 'alan@example.com', 'Your refund');
    await plain.inbox.waitForEmail({ to: 'alan@example.com', timeoutMs: 5000 });
    expect(unthrottled.inbox.messagesTo('grace@example.com').map(({ subject }) => subject)).toEqual(['Your order']);
    expect(plain.inbox.messagesTo('alan@example.com').map(({ subject }) => subject)).toEqual(['Your refund']);
    // the suite's own copies: it cannot change what the next suite reads
    plain.inbox.messages().pop();
    expect(unthrottled.inbox.messages()).toHaveLength(2);
    // a suite naming the pool's settings itself still gets the same stack
    await pool.acquireStack({ name: 'mail', env: { RATE: 'high', NOTIFICATIONS_EMAIL_POLL_MS: '200', SMTP_PORT: first.env.SMTP_PORT } });
    expect(stackModule.startStack).toHaveBeenCalledTimes(2);
    await pool.drainPool();
    expect(existsSync(first.env.CATALOG_MEDIA_DIR)).toBe(false);
    await expect(send(first.env, 'late@example.com', 'too late')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('with the pool, hands suites with the same settings one stack, which their release leaves running and they cannot kill', async () => {
    process.env.ULTRAMARKET_STACK_POOL = 'on';
    const first = await pool.acquireStack({ name: 'cart', env: { A: '1', B: '2' } });
    await pool.releaseStack(first);
    const second = await pool.acquireStack({ name: 'checkout', env: { B: '2', A: '1' } });
    expect(stackModule.startStack).toHaveBeenCalledTimes(1);
    expect(second.gatewayUrl).toBe(first.gatewayUrl);
    await second.stop();
    await pool.releaseStack(second);
    expect(started[0].stack.stop).not.toHaveBeenCalled();
    expect(started[0].stopped()).toBe(false);
    expect(stackModule.dropDatabases).not.toHaveBeenCalled();
    await expect(second.kill('orders')).rejects.toThrow(/pooled stack cannot be killed/);
    await expect(second.restart('orders')).rejects.toThrow(/pooled stack cannot be restarted/);
  });

  it('starts another stack for other settings, stops the oldest past the limit, and replaces a stack whose service died', async () => {
    process.env.ULTRAMARKET_STACK_POOL = 'on';
    expect(pool.MAX_POOLED).toBe(1);
    await pool.acquireStack({ env: {} });
    expect(started[0].stopped()).toBe(false);
    await pool.acquireStack({ env: { RATE: 'high' } });
    expect(stackModule.startStack).toHaveBeenCalledTimes(2);
    // stopped by the pool itself (the suite that started it is gone), its streams and databases dropped
    expect(started[0].stopped()).toBe(true);
    expect(started[0].stack.stop).not.toHaveBeenCalled();
    expect(stackModule.stopStack).toHaveBeenCalledWith(expect.objectContaining({ namespace: started[0].stack.namespace }));
    expect(started[1].stopped()).toBe(false);
    // the same settings again: the pooled stack, no new start
    await pool.acquireStack({ env: { RATE: 'high' } });
    expect(stackModule.startStack).toHaveBeenCalledTimes(2);

    started[1].die();
    const replaced = await pool.acquireStack({ env: { RATE: 'high' } });
    expect(stackModule.dropDatabases).toHaveBeenCalledWith(started[1].stack.databaseNames);
    expect(replaced.gatewayUrl).toBe(started[2].stack.gatewayUrl);
  });

  it('drains every pooled stack at the end of the run', async () => {
    process.env.ULTRAMARKET_STACK_POOL = 'on';
    await pool.acquireStack({ env: {} });
    await pool.acquireStack({ env: { RATE: 'high' } });
    await pool.drainPool();
    expect(started.map(({ stopped }) => stopped())).toEqual([true, true]);
    expect(stackModule.stopStack.mock.calls.map(([stack]) => stack.namespace)).toEqual(started.map(({ stack }) => stack.namespace));
    expect(stackModule.dropDatabases.mock.calls).toEqual(started.map(({ stack }) => [stack.databaseNames]));
    await pool.acquireStack({ env: {} });
    expect(stackModule.startStack).toHaveBeenCalledTimes(3);
  });
});
