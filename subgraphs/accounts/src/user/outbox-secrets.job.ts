import type { SubgraphRuntime } from '@ultramarket/kit';
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

export function outboxSecretsJob(runtime: SubgraphRuntime): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = scrubPublishedSecrets(runtime).catch((error: Error) => runtime.logger.warn({ err: error }, 'outbox secrets not scrubbed'));
  }, SCRUB_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
