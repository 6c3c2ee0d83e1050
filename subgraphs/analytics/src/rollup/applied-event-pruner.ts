import { inScope, periodicJob, PLATFORM_SCOPE, returnedRows, type SubgraphRuntime } from '@ultramarket/kit';

const BATCH = 1000;
const HOUR_MS = 60 * 60 * 1000;

/**
 * Forgets `applied_event` ids applied longer ago than the streams keep events (EVENT_STREAM_MAX_AGE): such an event was
 * published earlier still, so no stream can deliver it again and no rebuild can replay it. Answers how many went.
 */
export async function pruneAppliedEvents(runtime: Pick<SubgraphRuntime, 'dataSource' | 'config'>, batch = BATCH): Promise<number> {
  const cutoff = new Date(Date.now() - runtime.config.eventStorage.streamMaxAgeMs);
  let deleted = 0;
  for (;;) {
    const rows = await inScope(runtime.dataSource, PLATFORM_SCOPE, (manager) =>
      returnedRows<{ event_id: string }>(
        manager,
        `DELETE FROM applied_event WHERE event_id IN (SELECT event_id FROM applied_event WHERE applied_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING event_id`,
        [cutoff, batch],
      ),
    );
    deleted += rows.length;
    if (rows.length < batch) return deleted;
  }
}

/** Prunes `applied_event` every hour on the background pool; returns its stop function. */
export const appliedEventPruningJob = periodicJob('applied event pruning', HOUR_MS, pruneAppliedEvents);
