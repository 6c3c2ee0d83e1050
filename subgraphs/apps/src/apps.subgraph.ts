import { AppScope, buildFederatedSchema, type SubgraphContext, type SubgraphDefinition } from '@ultramarket/kit';
import { App } from './app/app.entity';
import { AppResolver } from './app/app.resolver';
import { ApiKey } from './api-key/api-key.entity';
import { ApiKeyResolver } from './api-key/api-key.resolver';
import { ApiKeyCacheWriter, bindApiKeyCacheWriter } from './api-key/api-key-cache-writer';
import { VERIFY_API_KEY_PATH, verifyApiKeyRoute } from './api-key/verify-api-key.route';
import { CreateApps1763769655000 } from './migrations/1763769655000-create-apps';
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
 * retried, logged, replayable) and the apps a store installs, with their scoped API keys (docs/apps-and-api-keys.md).
 */
export const appsSubgraph: SubgraphDefinition = {
  name: 'apps',
  defaultPort: 4012,
  entities: [WebhookEndpoint, WebhookDelivery, WebhookDeliveryAttempt, App, ApiKey],
  migrations: [CreateWebhooks1763769654000, CreateApps1763769655000],
  publishes: ['apps'],
  // one durable consumer per stream a store may subscribe to: events become deliveries
  consumers: [...eventDeliveryHandlers],
  // the staff of a suspended or closed store change no webhooks
  followsStoreStatus: true,
  // an app's key opens the webhooks with read_webhooks / write_webhooks, never apps and keys (docs/apps-and-api-keys.md)
  appAccess: {
    read: AppScope.read_webhooks,
    write: AppScope.write_webhooks,
    fields: {
      'Query.apps': null,
      'Query.app': null,
      'Mutation.installApp': null,
      'Mutation.updateAppScopes': null,
      'Mutation.uninstallApp': null,
      'Mutation.createApiKey': null,
      'Mutation.revokeApiKey': null,
    },
  },
  onStart: (runtime) => {
    // the webhook settings come from the environment the subgraph was started with (a bad value stops the start)
    useWebhookConfig(loadWebhookConfig(runtime.env));
    // revocations reach the gateways' shared key cache at once; a revoked mark outlives any cached answer (API_KEY_CACHE_SECONDS at most 3600)
    bindApiKeyCacheWriter(new ApiKeyCacheWriter(runtime.redis, runtime.config.eventNamespace, 2 * 3600));
    return async () => bindApiKeyCacheWriter(null);
  },
  // the gateway asks here which app an API key is (signed by the gateway, checked by the route)
  httpRoutes: { [VERIFY_API_KEY_PATH]: verifyApiKeyRoute() },
  jobs: [deliveryWorkerJob, deliveryLogPruningJob],
  schema: () =>
    buildFederatedSchema({
      resolvers: [WebhookEndpointResolver, WebhookDeliveryResolver, AppResolver, ApiKeyResolver],
      referenceResolvers: {
        WebhookEndpoint: { __resolveReference: (reference: { id: string }, context: SubgraphContext) => endpointReference(context, reference.id) },
      },
    }),
};
