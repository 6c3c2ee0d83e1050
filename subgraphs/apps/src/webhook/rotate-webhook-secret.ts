import { traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { lockEndpoint, staffStore } from './webhook-access';
import { WebhookErrors } from './webhook-errors';
import { newWebhookSecret, sealWebhookSecret } from './webhook-secret';
import { webhookConfig } from './webhook.config';
import { RotateWebhookSecretPayload } from './webhook.payloads';
import type { RotateWebhookSecretInput } from './webhook.inputs';

/**
 * A new signing secret for the endpoint, answered this once. For the overlap (input, else WEBHOOK_SECRET_OVERLAP)
 * deliveries carry a second `v1=` signature made with the secret it replaces, so receivers can switch without losing
 * a delivery; an overlap of 0 drops the old secret at once. A second rotation within an overlap ends the first one's.
 */
export async function rotateWebhookSecret(context: SubgraphContext, input: RotateWebhookSecretInput): Promise<RotateWebhookSecretPayload> {
  const storeId = await staffStore(context);
  if (storeId instanceof UserError) return RotateWebhookSecretPayload.failed(storeId);
  const overlapMs = input.overlapSeconds == null ? webhookConfig().secretOverlapMs : input.overlapSeconds * 1000;
  const secret = newWebhookSecret();
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const endpoint = await lockEndpoint(tx, input.id, storeId);
    if (!endpoint) return RotateWebhookSecretPayload.failed(WebhookErrors.endpointNotFound());
    const repository = tx.manager.getRepository(WebhookEndpoint);
    await repository.update(
      { id: endpoint.id, storeId },
      {
        sealedSecret: sealWebhookSecret(endpoint.id, secret),
        sealedPreviousSecret: overlapMs > 0 ? endpoint.sealedSecret : null,
        previousSecretExpiresAt: overlapMs > 0 ? new Date(Date.now() + overlapMs) : null,
        version: endpoint.version + 1,
      },
    );
    return RotateWebhookSecretPayload.withSecret(await repository.findOneByOrFail({ id: endpoint.id, storeId }), secret);
  });
}
