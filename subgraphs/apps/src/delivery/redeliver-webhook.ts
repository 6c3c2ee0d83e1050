import { isUuid, traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import { WebhookDelivery } from './webhook-delivery.entity';
import { staffStore } from '../webhook/webhook-access';
import { WebhookErrors } from '../webhook/webhook-errors';
import { RedeliverWebhookPayload } from '../webhook/webhook.payloads';
import { copyDeliveries } from './queue-deliveries';

/**
 * Queues a delivery of the log again, whatever its status: a new delivery with the same body (so the same event id
 * for the receiver to dedupe by), due now, ordered after any pending delivery of the same resource.
 */
export async function redeliverWebhook(context: SubgraphContext, deliveryId: string): Promise<RedeliverWebhookPayload> {
  const storeId = await staffStore(context);
  if (storeId instanceof UserError) return RedeliverWebhookPayload.failed(storeId);
  if (!isUuid(deliveryId)) return RedeliverWebhookPayload.failed(WebhookErrors.deliveryNotFound());
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const [copy] = await copyDeliveries(tx, storeId, `d.id = $2`, [deliveryId]);
    if (!copy) return RedeliverWebhookPayload.failed(WebhookErrors.deliveryNotFound());
    return RedeliverWebhookPayload.ok(await tx.manager.getRepository(WebhookDelivery).findOneByOrFail({ id: copy, storeId }));
  });
}
