import { traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { checkedTopics, lockEndpoint, staffStore } from './webhook-access';
import { WebhookErrors } from './webhook-errors';
import { refusalOfUrl } from './webhook-url';
import { webhookConfig } from './webhook.config';
import { UpdateWebhookEndpointPayload } from './webhook.payloads';
import type { UpdateWebhookEndpointInput } from './webhook.inputs';

/**
 * Changes an endpoint's URL (checked as on creation), topics or description. Deliveries already queued keep going to
 * the endpoint, at its new URL; new topics apply to events heard from now on.
 */
export async function updateWebhookEndpoint(context: SubgraphContext, input: UpdateWebhookEndpointInput): Promise<UpdateWebhookEndpointPayload> {
  const storeId = await staffStore(context);
  if (storeId instanceof UserError) return UpdateWebhookEndpointPayload.failed(storeId);
  if (input.url == null && input.topics == null && input.description == null) return UpdateWebhookEndpointPayload.failed(WebhookErrors.nothingToChange());
  const topics = input.topics == null ? null : checkedTopics(input.topics);
  if (topics instanceof UserError) return UpdateWebhookEndpointPayload.failed(topics);
  if (input.url != null) {
    const refusal = await refusalOfUrl(input.url, webhookConfig());
    if (refusal) return UpdateWebhookEndpointPayload.failed(WebhookErrors.invalidUrl(refusal));
  }
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const endpoint = await lockEndpoint(tx, input.id, storeId);
    if (!endpoint) return UpdateWebhookEndpointPayload.failed(WebhookErrors.endpointNotFound());
    const repository = tx.manager.getRepository(WebhookEndpoint);
    await repository.update(
      { id: endpoint.id, storeId },
      {
        url: input.url ?? endpoint.url,
        topics: topics ?? endpoint.topics,
        description: input.description?.trim() ?? endpoint.description,
        version: endpoint.version + 1,
      },
    );
    return UpdateWebhookEndpointPayload.ok(await repository.findOneByOrFail({ id: endpoint.id, storeId }));
  });
}
