import { periodicJob, type SubgraphRuntime } from '@ultramarket/kit';
import { openWebhookSecret } from '../webhook/webhook-secret';
import { webhookConfig, type WebhookConfig } from '../webhook/webhook.config';
import { claimDueDeliveries, type ClaimedDelivery } from './claim-deliveries';
import { recordAttempt } from './record-attempt';
import { sendWebhook } from './send-webhook';
import { signatureHeader } from './webhook-signature';

/** The secrets that sign now: the current one, and the one it replaced while the rotation's overlap lasts. */
function signingSecrets(delivery: ClaimedDelivery, now: Date): string[] {
  const secrets = [openWebhookSecret(delivery.endpoint_id, delivery.sealed_secret)];
  if (delivery.sealed_previous_secret && delivery.previous_secret_expires_at && new Date(delivery.previous_secret_expires_at) > now) {
    secrets.push(openWebhookSecret(delivery.endpoint_id, delivery.sealed_previous_secret));
  }
  return secrets;
}

/** One attempt of a claimed delivery: signed now (a fresh timestamp each attempt), sent, recorded. */
async function attempt(runtime: SubgraphRuntime, config: WebhookConfig, delivery: ClaimedDelivery): Promise<void> {
  const attemptedAt = new Date();
  const timestamp = Math.floor(attemptedAt.getTime() / 1000);
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'UltraMarket-Webhooks/1',
    'ultramarket-webhook-id': delivery.id,
    'ultramarket-webhook-topic': delivery.topic,
    'ultramarket-webhook-timestamp': String(timestamp),
    'ultramarket-webhook-signature': signatureHeader(signingSecrets(delivery, attemptedAt), timestamp, delivery.body),
  };
  const outcome = await sendWebhook(delivery.url, delivery.body, headers, config);
  await recordAttempt(runtime, config, delivery, outcome, attemptedAt);
}

/**
 * Sends due deliveries until none is due: up to WEBHOOK_CONCURRENCY at a time, each claimed for longer than an
 * attempt can take. A failure to record one (the database went away) leaves it claimed; it is due again after the
 * lease and tried again, so a delivery may reach its endpoint twice (receivers dedupe by the body's `id`).
 */
export async function sendDueDeliveries(runtime: SubgraphRuntime, config: WebhookConfig): Promise<number> {
  const leaseMs = config.timeoutMs * 2 + 5_000;
  let sent = 0;
  for (;;) {
    const claimed = await claimDueDeliveries(runtime.dataSource, config.concurrency, leaseMs);
    if (claimed.length === 0) return sent;
    await Promise.all(
      claimed.map((delivery) =>
        attempt(runtime, config, delivery).catch((error: unknown) =>
          runtime.logger.warn({ err: error, deliveryId: delivery.id }, 'webhook delivery attempt not recorded; due again after its lease'),
        ),
      ),
    );
    sent += claimed.length;
  }
}

/** The delivery worker: every WEBHOOK_POLL_INTERVAL, whatever is due (the configuration is the one the start set). */
export const deliveryWorkerJob = (runtime: SubgraphRuntime) =>
  periodicJob('webhook delivery', webhookConfig().pollIntervalMs, (jobRuntime) => sendDueDeliveries(jobRuntime, webhookConfig()))(runtime);
