import { EventEmitter } from 'node:events';
import os from 'node:os';
import type * as StackPool from '../lib/stack-pool';

jest.mock('../lib/stack', () => ({ startStack: jest.fn(), stopStack: jest.fn(), dropDatabases: jest.fn() }));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stackModule = require('../lib/stack') as { startStack: jest.Mock; stopStack: jest.Mock; dropDatabases: jest.Mock };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pool = require('../lib/stack-pool') as typeof StackPool;

const POOL = Symbol.for('ultramarket.e2e.stack-pool');

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
  afterEach(() => {
    delete process.env.ULTRAMARKET_STACK_POOL;
  });

  it('without the pool, starts a stack of the suite’s own and stops it and drops its databases on release', async () => {
    const stack = await pool.acquireStack({ name: 'cart', env: { A: '1' } });
    expect(stackModule.startStack).toHaveBeenCalledWith({ namespace: expect.stringMatching(/^cart_/), env: { A: '1' }, gatewayEnv: {} });
    await pool.releaseStack(stack);
    expect(started[0].stack.stop).toHaveBeenCalledTimes(1);
    expect(stackModule.dropDatabases).toHaveBeenCalledWith(started[0].stack.databaseNames);
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
    await pool.acquireStack({ env: {} });
    await pool.acquireStack({ env: { RATE: 'high' } });
    expect(stackModule.startStack).toHaveBeenCalledTimes(2);
    await pool.acquireStack({ gatewayEnv: { CACHE: 'off' } });
    expect(stackModule.startStack).toHaveBeenCalledTimes(3);
    expect(pool.MAX_POOLED).toBe(2);
    // stopped by the pool itself (the suite that started it is gone), its streams and databases dropped
    expect(started[0].stopped()).toBe(true);
    expect(started[0].stack.stop).not.toHaveBeenCalled();
    expect(stackModule.stopStack).toHaveBeenCalledWith(expect.objectContaining({ namespace: started[0].stack.namespace }));
    expect(started[1].stopped()).toBe(false);

    started[1].die();
    const replaced = await pool.acquireStack({ env: { RATE: 'high' } });
    expect(stackModule.dropDatabases).toHaveBeenCalledWith(started[1].stack.databaseNames);
    expect(replaced.gatewayUrl).toBe(started[3].stack.gatewayUrl);
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
