import type { SubgraphRuntime } from './subgraph-runtime';
/**
 * A background job that runs `work` every `intervalMs` (the next run is scheduled when one ends, so runs never
 * overlap), logs a failure as a warning and tries again next time, and whose stop function waits for a run in
 * progress. The shape a `SubgraphDefinition`'s `jobs` take.
 */
export declare function periodicJob(what: string, intervalMs: number, work: (runtime: SubgraphRuntime) => Promise<unknown>): (runtime: SubgraphRuntime) => () => Promise<void>;
