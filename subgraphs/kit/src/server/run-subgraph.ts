import 'reflect-metadata';
import type { SubgraphDefinition } from './subgraph-definition';
import { startSubgraph } from './start-subgraph';
import { stopOnSignals } from './http-lifecycle';
import { exitOnStartFailure } from './start-failure';

/**
 * A subgraph's `main`: load its definition, start it, stop it cleanly on Ctrl-C or SIGTERM, fail loudly at
 * start. Definitions read their configuration as they load (`import('./x.subgraph.js')`), so a ConfigError
 * there is reported like one at start: one line, no stack.
 */
export function runSubgraph(name: string, load: () => SubgraphDefinition | Promise<SubgraphDefinition>): void {
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  Promise.resolve()
    .then(load)
    .then(startSubgraph)
    .then(
      (running) => stopOnSignals(running.stop, (message) => running.runtime.logger.info(message)),
      (error: unknown) => exitOnStartFailure(`${name} subgraph`, error),
    );
}
