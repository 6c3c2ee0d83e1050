import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Directive, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import { CONNECTION_LIST_SIZE, PageArgs, Role, selectsField, type SubgraphContext } from '@ultramarket/kit';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookEndpointStatus } from './webhook-endpoint-status';
import { WebhookEndpointConnection } from './webhook.connection';
import { WEBHOOK_TOPICS } from './webhook-topics';
import {
  CreateWebhookEndpointInput,
  DeleteWebhookEndpointInput,
  DisableWebhookEndpointInput,
  EnableWebhookEndpointInput,
  RotateWebhookSecretInput,
  UpdateWebhookEndpointInput,
} from './webhook.inputs';
import {
  CreateWebhookEndpointPayload,
  DeleteWebhookEndpointPayload,
  DisableWebhookEndpointPayload,
  EnableWebhookEndpointPayload,
  RotateWebhookSecretPayload,
  UpdateWebhookEndpointPayload,
} from './webhook.payloads';
import { storeEndpoint, storeEndpoints } from './webhook-queries';
import { createWebhookEndpoint } from './create-webhook-endpoint';
import { updateWebhookEndpoint } from './update-webhook-endpoint';
import { setWebhookEndpointStatus } from './set-webhook-endpoint-status';
import { deleteWebhookEndpoint } from './delete-webhook-endpoint';
import { rotateWebhookSecret } from './rotate-webhook-secret';

/** The store's staff manage its webhook endpoints (platform admins pass every role check, for the store they name). */
@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Query(() => [String], { description: 'Every topic a webhook endpoint may subscribe to (their payloads are documented in schema/events.md).' })
  webhookTopics(): readonly string[] {
    return WEBHOOK_TOPICS;
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Directive(CONNECTION_LIST_SIZE)
  @Query(() => WebhookEndpointConnection, { description: "The caller's store's webhook endpoints, oldest first." })
  webhookEndpoints(@Args() args: PageArgs, @Ctx() context: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    return storeEndpoints(context, args, selectsField(info, 'totalCount'));
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Query(() => WebhookEndpoint, { nullable: true, description: "One of the caller's store's webhook endpoints; null if there is no such endpoint there." })
  webhookEndpoint(@Arg('id', () => ID, { description: 'The endpoint.' }) id: string, @Ctx() context: SubgraphContext) {
    return storeEndpoint(context, id);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => CreateWebhookEndpointPayload, { description: 'Subscribes an HTTPS endpoint of the store to topics; answers its signing secret, once.' })
  createWebhookEndpoint(@Arg('input', { description: 'The endpoint.' }) input: CreateWebhookEndpointInput, @Ctx() context: SubgraphContext) {
    return createWebhookEndpoint(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => UpdateWebhookEndpointPayload, { description: "Changes a webhook endpoint's URL, topics or description." })
  updateWebhookEndpoint(@Arg('input', { description: 'What to change.' }) input: UpdateWebhookEndpointInput, @Ctx() context: SubgraphContext) {
    return updateWebhookEndpoint(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => EnableWebhookEndpointPayload, { description: 'Enables a webhook endpoint: new events reach it and its pending deliveries go out.' })
  enableWebhookEndpoint(@Arg('input', { description: 'The endpoint.' }) input: EnableWebhookEndpointInput, @Ctx() context: SubgraphContext) {
    return setWebhookEndpointStatus(context, input.id, WebhookEndpointStatus.ENABLED, EnableWebhookEndpointPayload);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => DisableWebhookEndpointPayload, { description: 'Disables a webhook endpoint: no new deliveries; pending ones wait.' })
  disableWebhookEndpoint(@Arg('input', { description: 'The endpoint.' }) input: DisableWebhookEndpointInput, @Ctx() context: SubgraphContext) {
    return setWebhookEndpointStatus(context, input.id, WebhookEndpointStatus.DISABLED, DisableWebhookEndpointPayload);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => DeleteWebhookEndpointPayload, { description: 'Deletes a webhook endpoint with its delivery log.' })
  deleteWebhookEndpoint(@Arg('input', { description: 'The endpoint.' }) input: DeleteWebhookEndpointInput, @Ctx() context: SubgraphContext) {
    return deleteWebhookEndpoint(context, input.id);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => RotateWebhookSecretPayload, {
    description: 'A new signing secret for a webhook endpoint, answered once; the old one also signs deliveries for the overlap.',
  })
  rotateWebhookSecret(@Arg('input', { description: 'The endpoint and the overlap.' }) input: RotateWebhookSecretInput, @Ctx() context: SubgraphContext) {
    return rotateWebhookSecret(context, input);
  }
}
