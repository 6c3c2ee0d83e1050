"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.periodicJob = periodicJob;
/**
 * A background job that runs `work` every `intervalMs` (the next run is scheduled when one ends, so runs never
 * overlap), logs a failure as a warning and tries again next time, and whose stop function waits for a run in
 * progress. The shape a `SubgraphDefinition`'s `jobs` take.
 */
function periodicJob(what, intervalMs, work) {
    return (runtime) => {
        let timer = null;
        let running = Promise.resolve();
        let stopped = false;
        const schedule = () => {
            if (stopped)
                return;
            timer = setTimeout(() => {
                running = work(runtime)
                    .catch((error) => runtime.logger.warn({ err: error }, `${what} failed; will retry`))
                    .finally(schedule);
            }, intervalMs);
            timer.unref();
        };
        schedule();
        return async () => {
            stopped = true;
            if (timer)
                clearTimeout(timer);
            await running;
        };
    };
}
//# sourceMappingURL=periodic-job.js.map