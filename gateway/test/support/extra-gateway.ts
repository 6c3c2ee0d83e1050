import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort, root, type Stack } from '../../../scripts/lib/stack';

export interface ExtraGateway {
  url: string;
  stop(): Promise<void>;
}

/**
 * A gateway process of its own on a stack's subgraphs and event namespace (another replica), with extra
 * environment: as in operation-limits.e2e. Ready once it answers /ready.
 */
export async function startExtraGateway(stack: Stack, env: Record<string, string>): Promise<ExtraGateway> {
  const port = await freePort();
  const subgraphUrls = Object.fromEntries(
    Object.entries(stack.services)
      .filter(([name]) => name !== 'gateway')
      .map(([name, service]) => [`${name.toUpperCase()}_URL`, service.url]),
  );
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'gateway', 'dist', 'main.js')], {
    cwd: root,
    env: {
      ...process.env,
      APOLLO_TELEMETRY_DISABLED: 'true',
      EVENT_NAMESPACE: stack.namespace,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ...subgraphUrls,
      ...env,
    },
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the extra gateway exited with code ${child.exitCode}`);
    if (
      await fetch(`${base}/ready`).then(
        (response) => response.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error('the extra gateway was not ready within 60 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url: `${base}/graphql`, stop };
}
