import type { SubgraphRuntime } from './subgraph-runtime';

/**
 * A background job that runs `work` every `intervalMs` (the next run is scheduled when one ends, so runs never
 * overlap), logs a failure as a warning and tries again next time, and whose stop function waits for a run in
 * progress. The shape a `SubgraphDefinition`'s `jobs` take.
 */
export function periodicJob(what: string, intervalMs: number, work: (runtime: SubgraphRuntime) => Promise<unknown>) {
  return (runtime: SubgraphRuntime) => {
    let timer: NodeJS.Timeout | null = null;
    let running: Promise<unknown> = Promise.resolve();
    let stopped = false;
    const schedule = () => {
      if (stopped) return;
      timer = setTimeout(() => {
        running = work(runtime)
          .catch((error: unknown) => runtime.logger.warn({ err: error }, `${what} failed; will retry`))
          .finally(schedule);
      }, intervalMs);
      timer.unref();
    };
    schedule();
    return async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    };
  };
}
