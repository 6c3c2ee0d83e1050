import 'reflect-metadata';
import type { SubgraphDefinition } from './subgraph-definition';
/**
 * A subgraph's `main`: load its definition, start it, stop it cleanly on Ctrl-C or SIGTERM, fail loudly at
 * start. Definitions read their configuration as they load (`import('./x.subgraph.js')`), so a ConfigError
 * there is reported like one at start: one line, no stack.
 */
export declare function runSubgraph(name: string, load: () => SubgraphDefinition | Promise<SubgraphDefinition>): void;
