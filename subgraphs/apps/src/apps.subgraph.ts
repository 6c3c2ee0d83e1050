import { buildFederatedSchema, type SubgraphContext, type SubgraphDefinition } from '@ultramarket/kit';
import { WebhookEndpoint } from './webhook/webhook-endpoint.entity';
import { WebhookEndpointResolver } from './webhook/webhook.resolver';
import { endpointReference } from './webhook/webhook-queries';
import { WebhookDelivery } from './delivery/webhook-delivery.entity';
import { WebhookDeliveryAttempt } from './delivery/webhook-delivery-attempt.entity';
import { WebhookDeliveryResolver } from './delivery/webhook-delivery.resolver';
import { CreateWebhooks1763769654000 } from './migrations/1763769654000-create-webhooks';
import { eventDeliveryHandlers } from './delivery/event-deliveries.handlers';
import { deliveryWorkerJob } from './delivery/delivery.worker';
import { deliveryLogPruningJob } from './delivery/delivery-log-pruning.job';
import { loadWebhookConfig, useWebhookConfig } from './webhook/webhook.config';

/**
 * Apps owns what integrators plug in with: a store's outbound webhook endpoints (signed deliveries of its events,
 * retried, logged, replayable) and, later, apps with scoped API keys.
 */
export const appsSubgraph: SubgraphDefinition = {
  name: 'apps',
  defaultPort: 4012,
  entities: [WebhookEndpoint, WebhookDelivery, WebhookDeliveryAttempt],
  migrations: [CreateWebhooks1763769654000],
  publishes: ['apps'],
  // one durable consumer per stream a store may subscribe to: events become deliveries
  consumers: [...eventDeliveryHandlers],
  // the staff of a suspended or closed store change no webhooks
  followsStoreStatus: true,
  // the webhook settings come from the environment the subgraph was started with (a bad value stops the start)
  onStart: (runtime) => useWebhookConfig(loadWebhookConfig(runtime.env)),
  jobs: [deliveryWorkerJob, deliveryLogPruningJob],
  schema: () =>
    buildFederatedSchema({
      resolvers: [WebhookEndpointResolver, WebhookDeliveryResolver],
      referenceResolvers: {
        WebhookEndpoint: { __resolveReference: (reference: { id: string }, context: SubgraphContext) => endpointReference(context, reference.id) },
      },
    }),
};
