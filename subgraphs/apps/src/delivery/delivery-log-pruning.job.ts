import { inScope, periodicJob, PLATFORM_SCOPE, returnedRows, type SubgraphRuntime } from '@ultramarket/kit';
import { webhookConfig } from '../webhook/webhook.config';

const BATCH = 1000;
const EVERY_MS = 10 * 60_000;

/**
 * Deletes deliveries (and, by cascade, their attempts) finished longer than WEBHOOK_LOG_RETENTION ago, a batch at a
 * time so no statement holds many locks. PENDING deliveries are never pruned. Answers how many were deleted.
 */
export async function pruneDeliveryLog(runtime: Pick<SubgraphRuntime, 'dataSource'>, retentionMs: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const rows = await inScope(runtime.dataSource, PLATFORM_SCOPE, (manager) =>
      returnedRows<{ id: string }>(
        manager,
        `DELETE FROM webhook_delivery WHERE id IN (
           SELECT id FROM webhook_delivery WHERE status <> 'PENDING' AND completed_at < now() - $1 * interval '1 millisecond' LIMIT $2)
         RETURNING id`,
        [retentionMs, BATCH],
      ),
    );
    deleted += rows.length;
    if (rows.length < BATCH) return deleted;
  }
}

/** Every ten minutes. */
export const deliveryLogPruningJob = periodicJob('webhook delivery log pruning', EVERY_MS, (runtime) =>
  pruneDeliveryLog(runtime, webhookConfig().logRetentionMs),
);
