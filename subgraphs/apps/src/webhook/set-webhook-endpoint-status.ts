import { traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookEndpointStatus } from './webhook-endpoint-status';
import { lockEndpoint, staffStore } from './webhook-access';
import { WebhookErrors } from './webhook-errors';
import type { WebhookEndpointPayload } from './webhook.payloads';

/**
 * The staff enable or disable an endpoint. Enabling starts a fresh failure count (so an endpoint disabled after
 * sustained failure gets a full new allowance) and its pending deliveries go out again; disabling keeps them pending.
 * Setting the status it already has changes nothing and answers the endpoint.
 */
export async function setWebhookEndpointStatus<T extends WebhookEndpointPayload>(
  context: SubgraphContext,
  id: string,
  status: WebhookEndpointStatus,
  Payload: { ok(endpoint: WebhookEndpoint): T; failed(...errors: UserError[]): T },
): Promise<T> {
  const storeId = await staffStore(context);
  if (storeId instanceof UserError) return Payload.failed(storeId);
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const endpoint = await lockEndpoint(tx, id, storeId);
    if (!endpoint) return Payload.failed(WebhookErrors.endpointNotFound());
    const repository = tx.manager.getRepository(WebhookEndpoint);
    if (endpoint.status === status) return Payload.ok(endpoint);
    const enabling = status === WebhookEndpointStatus.ENABLED;
    await repository.update(
      { id: endpoint.id, storeId },
      {
        status,
        disabledReason: enabling ? null : 'Disabled by the store’s staff',
        disabledAt: enabling ? null : new Date(),
        consecutiveFailures: 0,
        failingSince: null,
        version: endpoint.version + 1,
      },
    );
    return Payload.ok(await repository.findOneByOrFail({ id: endpoint.id, storeId }));
  });
}
