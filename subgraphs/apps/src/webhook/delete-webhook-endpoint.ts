import { traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { lockEndpoint, staffStore } from './webhook-access';
import { WebhookErrors } from './webhook-errors';
import { DeleteWebhookEndpointPayload } from './webhook.payloads';

/** Deletes an endpoint with its deliveries and their log (pending deliveries are never sent). */
export async function deleteWebhookEndpoint(context: SubgraphContext, id: string): Promise<DeleteWebhookEndpointPayload> {
  const storeId = await staffStore(context);
  if (storeId instanceof UserError) return DeleteWebhookEndpointPayload.failed(storeId);
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const endpoint = await lockEndpoint(tx, id, storeId);
    if (!endpoint) return DeleteWebhookEndpointPayload.failed(WebhookErrors.endpointNotFound());
    await tx.manager.getRepository(WebhookEndpoint).delete({ id: endpoint.id, storeId });
    return DeleteWebhookEndpointPayload.ok(endpoint.id);
  });
}
