import 'reflect-metadata';
import type { SubgraphDefinition } from './subgraph-definition';
import { startSubgraph } from './start-subgraph';
import { stopOnSignals } from './http-lifecycle';

/** A subgraph's `main`: start it, stop it cleanly on Ctrl-C or SIGTERM, fail loudly at start. */
export function runSubgraph(definition: SubgraphDefinition): void {
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  startSubgraph(definition).then(
    (running) => stopOnSignals(running.stop, (message) => running.runtime.logger.info(message)),
    (error: Error) => {
      console.error(`${definition.name} subgraph failed to start: ${error.message}`);
      process.exit(1);
    },
  );
}
