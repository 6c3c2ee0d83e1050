import { randomUUID } from 'node:crypto';
import { traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookEndpointStatus } from './webhook-endpoint-status';
import { checkedTopics, staffStore } from './webhook-access';
import { WebhookErrors } from './webhook-errors';
import { newWebhookSecret, sealWebhookSecret } from './webhook-secret';
import { refusalOfUrl } from './webhook-url';
import { webhookConfig } from './webhook.config';
import { CreateWebhookEndpointPayload } from './webhook.payloads';
import type { CreateWebhookEndpointInput } from './webhook.inputs';

/**
 * A new ENABLED endpoint of the caller's store, with a new signing secret answered this once (stored sealed). The
 * URL and topics are checked first (INVALID_WEBHOOK_URL, INVALID_WEBHOOK_TOPIC): a refusal writes nothing.
 */
export async function createWebhookEndpoint(context: SubgraphContext, input: CreateWebhookEndpointInput): Promise<CreateWebhookEndpointPayload> {
  const storeId = await staffStore(context);
  if (storeId instanceof UserError) return CreateWebhookEndpointPayload.failed(storeId);
  const topics = checkedTopics(input.topics);
  if (topics instanceof UserError) return CreateWebhookEndpointPayload.failed(topics);
  const refusal = await refusalOfUrl(input.url, webhookConfig());
  if (refusal) return CreateWebhookEndpointPayload.failed(WebhookErrors.invalidUrl(refusal));
  const id = randomUUID();
  const secret = newWebhookSecret();
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const repository = tx.manager.getRepository(WebhookEndpoint);
    await repository.insert({
      id,
      storeId,
      url: input.url,
      description: input.description?.trim() ?? '',
      topics,
      status: WebhookEndpointStatus.ENABLED,
      sealedSecret: sealWebhookSecret(id, secret),
      consecutiveFailures: 0,
      version: 1,
    });
    return CreateWebhookEndpointPayload.withSecret(await repository.findOneByOrFail({ id, storeId }), secret);
  });
}
