import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { OutageMode } from '../../../subgraphs/kit/test/support/tcp-proxy';

/**
 * The kit's TcpProxy (subgraphs/kit/test/support/tcp-proxy.ts) run on a worker thread of its own, so
 * that it forwards bytes as a network would whatever the test's own thread is busy with: shoppers,
 * polling, startStack watching its children come up. In the test's thread every PostgreSQL round trip
 * of every service would wait for that work, and a busy loop there stalls the whole stack. The worker
 * compiles the proxy's source with TypeScript's transpileModule (test support is not built to dist).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const ts = require(workerData.typescript);
const { outputText } = ts.transpileModule(readFileSync(workerData.proxySource, 'utf8'), {
  compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
});
const compiled = { exports: {} };
new Function('require', 'module', 'exports', outputText)(require, compiled, compiled.exports);
const proxy = new compiled.exports.TcpProxy(workerData.targetPort, workerData.targetHost);
parentPort.on('message', async ({ id, command, args }) => {
  try {
    const value = await proxy[command](...args);
    parentPort.postMessage({ id, value: command === 'start' ? value : undefined });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.stack) || error) });
  }
});
`;

type Command = 'start' | 'pause' | 'resume' | 'stop';

export class ProxyThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  port = 0;

  constructor(targetPort = 5432, targetHost = '127.0.0.1') {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        typescript: require.resolve('typescript'),
        proxySource: path.resolve(__dirname, '../../../subgraphs/kit/test/support/tcp-proxy.ts'),
        targetPort,
        targetHost,
      },
    });
    this.worker.on('message', ({ id, value, error }: { id: number; value?: unknown; error?: string }) => {
      const call = this.pending.get(id);
      this.pending.delete(id);
      if (error === undefined) call?.resolve(value);
      else call?.reject(new Error(`proxy thread: ${error}`));
    });
    this.worker.on('error', (error) => {
      for (const call of this.pending.values()) call.reject(error);
      this.pending.clear();
    });
  }

  private call(command: Command, ...args: unknown[]): Promise<unknown> {
    const id = (this.nextId += 1);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, command, args });
    });
  }

  /** Listens on a free port of 127.0.0.1 (bound by the system, so no other process can take it first). */
  async start(): Promise<number> {
    this.port = (await this.call('start')) as number;
    return this.port;
  }

  /** Cuts every connection and keeps the target unreachable until `resume()` (see TcpProxy.pause). */
  async pause(mode: OutageMode = 'refuse'): Promise<void> {
    await this.call('pause', mode);
  }

  async resume(): Promise<void> {
    await this.call('resume');
  }

  async stop(): Promise<void> {
    await this.call('stop');
    await this.worker.terminate();
  }
}
