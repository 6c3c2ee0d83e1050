import { isUuid, traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import { lockEndpoint, staffStore } from '../webhook/webhook-access';
import { WebhookErrors } from '../webhook/webhook-errors';
import { ReplayWebhooksPayload } from '../webhook/webhook.payloads';
import type { ReplayWebhooksInput } from '../webhook/webhook.inputs';
import { copyDeliveries } from './queue-deliveries';

const MAX_RANGE_MS = 31 * 24 * 3_600_000;

/**
 * Queues again every event the endpoint was sent (first deliveries, not earlier redeliveries) that occurred in
 * [from, to), oldest first, from the delivery log: events older than the log's retention (WEBHOOK_LOG_RETENTION), or
 * from before the endpoint subscribed to their topic, cannot be replayed.
 */
export async function replayWebhooks(context: SubgraphContext, input: ReplayWebhooksInput): Promise<ReplayWebhooksPayload> {
  const storeId = await staffStore(context);
  if (storeId instanceof UserError) return ReplayWebhooksPayload.failed(storeId);
  if (!isUuid(input.endpointId)) return ReplayWebhooksPayload.failed(WebhookErrors.replayEndpointNotFound());
  const span = input.to.getTime() - input.from.getTime();
  if (!(span > 0 && span <= MAX_RANGE_MS)) return ReplayWebhooksPayload.failed(WebhookErrors.invalidRange());
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const endpoint = await lockEndpoint(tx, input.endpointId, storeId);
    if (!endpoint) return ReplayWebhooksPayload.failed(WebhookErrors.replayEndpointNotFound());
    const copies = await copyDeliveries(tx, storeId, `d.endpoint_id = $2 AND d.redelivery_of IS NULL AND d.occurred_at >= $3 AND d.occurred_at < $4`, [
      endpoint.id,
      input.from,
      input.to,
    ]);
    return ReplayWebhooksPayload.ok(copies.length);
  });
}
