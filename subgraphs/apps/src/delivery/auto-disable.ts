import { returnedRows, type Tx } from '@ultramarket/kit';
import { WebhookEvents, type WebhookEndpointDisabledData } from '../webhook/webhook.events';
import type { WebhookConfig } from '../webhook/webhook.config';

interface DisabledRow {
  id: string;
  url: string;
  consecutive_failures: number;
  failing_since: Date | null;
  disabled_at: Date;
  disabled_reason: string;
  version: number;
}

/**
 * Sustained failure disables an endpoint: at least WEBHOOK_DISABLE_AFTER_FAILURES attempts failed in a row AND the
 * run of failures has lasted WEBHOOK_DISABLE_AFTER (both, so neither a burst nor one slow trickle of failures alone
 * does it). Publishes apps.webhook-endpoint-disabled in the same transaction; notifications tells the store's staff.
 */
export async function disableIfFailingTooLong(tx: Tx, config: WebhookConfig, endpointId: string, storeId: string): Promise<void> {
  const reason = `Disabled after ${config.disableAfterFailures} or more failed attempts in a row`;
  const [row] = await returnedRows<DisabledRow>(
    tx.manager,
    `UPDATE webhook_endpoint SET status = 'DISABLED', disabled_at = now(), disabled_reason = $3, version = version + 1, updated_at = now()
     WHERE id = $1 AND store_id = $2 AND status = 'ENABLED' AND consecutive_failures >= $4
       AND failing_since <= now() - $5 * interval '1 millisecond'
     RETURNING id, url, consecutive_failures, failing_since, disabled_at, disabled_reason, version`,
    [endpointId, storeId, reason, config.disableAfterFailures, config.disableAfterMs],
  );
  if (!row) return;
  await tx.emit<WebhookEndpointDisabledData>({
    type: WebhookEvents.endpointDisabled,
    storeId,
    aggregateId: row.id,
    aggregateVersion: row.version,
    data: {
      endpointId: row.id,
      url: row.url,
      reason: row.disabled_reason,
      consecutiveFailures: row.consecutive_failures,
      failingSince: row.failing_since ? new Date(row.failing_since).toISOString() : null,
      disabledAt: new Date(row.disabled_at).toISOString(),
    },
  });
}
