import { returnedRows, type SubgraphRuntime } from '@ultramarket/kit';
import { WebhookDeliveryStatus } from './webhook-delivery-status';
import { nextAttemptAt } from './retry-schedule';
import type { ClaimedDelivery } from './claim-deliveries';
import type { SendOutcome } from './send-webhook';
import { disableIfFailingTooLong } from './auto-disable';
import type { WebhookConfig } from '../webhook/webhook.config';

/** A 2xx answer is a success; anything else (another status, no answer) a failure to retry. */
export function succeeded(outcome: SendOutcome): boolean {
  return outcome.responseCode !== null && outcome.responseCode >= 200 && outcome.responseCode < 300;
}

/**
 * Records one attempt in the delivery's store, in one transaction: the attempt row (kept whatever the outcome), the
 * delivery's new state (SUCCEEDED; or due again after the backoff; or FAILED once the retry window is spent), and the
 * endpoint's failure run (reset by a success, else counted, which may disable the endpoint). Only if the delivery is
 * still as claimed (same attempt count, still PENDING): a claim whose lease ran out and was taken again records nothing.
 */
export async function recordAttempt(
  runtime: Pick<SubgraphRuntime, 'unitOfWork'>,
  config: WebhookConfig,
  delivery: ClaimedDelivery,
  outcome: SendOutcome,
  attemptedAt: Date,
): Promise<void> {
  const ok = succeeded(outcome);
  const attempt = delivery.attempts + 1;
  const now = new Date();
  const next = ok ? null : nextAttemptAt(config, new Date(delivery.created_at), attempt, now);
  const status = ok ? WebhookDeliveryStatus.SUCCEEDED : next ? WebhookDeliveryStatus.PENDING : WebhookDeliveryStatus.FAILED;
  await runtime.unitOfWork.forScope(delivery.store_id).run({ correlationId: delivery.id, causationId: null }, async (tx) => {
    const updated = await returnedRows<{ id: string }>(
      tx.manager,
      `UPDATE webhook_delivery SET status = $3::varchar, attempts = $4, next_attempt_at = $5::timestamptz, last_attempt_at = $6, last_response_code = $7,
         completed_at = CASE WHEN $3::varchar = 'PENDING' THEN NULL ELSE now() END
       WHERE id = $1 AND store_id = $2 AND attempts = $8 AND status = 'PENDING' RETURNING id`,
      [delivery.id, delivery.store_id, status, attempt, next, attemptedAt, outcome.responseCode, delivery.attempts],
    );
    if (updated.length === 0) return;
    await tx.manager.query(
      `INSERT INTO webhook_delivery_attempt (store_id, delivery_id, attempt_number, succeeded, response_code, latency_ms, response_body, error, attempted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [delivery.store_id, delivery.id, attempt, ok, outcome.responseCode, outcome.latencyMs, outcome.responseBody, outcome.error, attemptedAt],
    );
    if (ok) {
      await tx.manager.query(
        `UPDATE webhook_endpoint SET consecutive_failures = 0, failing_since = NULL WHERE id = $1 AND store_id = $2 AND consecutive_failures > 0`,
        [delivery.endpoint_id, delivery.store_id],
      );
      return;
    }
    await tx.manager.query(
      `UPDATE webhook_endpoint SET consecutive_failures = consecutive_failures + 1, failing_since = COALESCE(failing_since, $3)
       WHERE id = $1 AND store_id = $2`,
      [delivery.endpoint_id, delivery.store_id, attemptedAt],
    );
    await disableIfFailingTooLong(tx, config, delivery.endpoint_id, delivery.store_id);
  });
}
