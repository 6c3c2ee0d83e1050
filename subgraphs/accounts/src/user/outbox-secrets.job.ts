import { periodicJob, type SubgraphRuntime } from '@ultramarket/kit';
import { EVENT_SECRET_FIELDS } from './user.events';

const SCRUB_INTERVAL_MS = 5_000;

/**
 * Verification and reset tokens travel in their events sealed for notifications, so they pass through
 * the outbox table; once an event is published this job removes the seals from the row, which the
 * database has no need to keep (and the clear tokens of rows written before they were sealed).
 */
export function scrubPublishedSecrets(runtime: SubgraphRuntime): Promise<void> {
  const paths = EVENT_SECRET_FIELDS.map((field) => `#- '{data,${field}}'`).join(' ');
  return runtime.dataSource
    .query(
      `UPDATE outbox_event SET envelope = envelope ${paths}
        WHERE published_at IS NOT NULL AND subject LIKE '%accounts.%' AND (envelope->'data') ?| $1`,
      [[...EVENT_SECRET_FIELDS]],
    )
    .then(() => undefined);
}

/** Scrubs every SCRUB_INTERVAL_MS on the kit's scheduler (no overlapping runs; a failure is logged and retried). */
export const outboxSecretsJob = periodicJob('outbox secrets scrub', SCRUB_INTERVAL_MS, scrubPublishedSecrets);
