import { Field, ID, Int, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookDelivery } from '../delivery/webhook-delivery.entity';

/** Endpoint mutations answer with the endpoint as it now is. */
@ObjectType({ description: 'Result of a webhook endpoint mutation.' })
export class WebhookEndpointPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: 'The endpoint as it now is; null when nothing was changed.' })
  endpoint: WebhookEndpoint | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok<T extends WebhookEndpointPayload>(this: new () => T, endpoint: WebhookEndpoint): T {
    return Object.assign(new this(), { endpoint, userErrors: [] });
  }

  static failed<T extends WebhookEndpointPayload>(this: new () => T, ...userErrors: UserError[]): T {
    return Object.assign(new this(), { endpoint: null, userErrors });
  }
}

@ObjectType({ description: 'Result of updateWebhookEndpoint.' })
export class UpdateWebhookEndpointPayload extends WebhookEndpointPayload {}

@ObjectType({ description: 'Result of enableWebhookEndpoint.' })
export class EnableWebhookEndpointPayload extends WebhookEndpointPayload {}

@ObjectType({ description: 'Result of disableWebhookEndpoint.' })
export class DisableWebhookEndpointPayload extends WebhookEndpointPayload {}

/** The mutations that make a secret show it, once. */
@ObjectType({ description: 'Result of a mutation that makes a new signing secret.' })
export class WebhookSecretPayload extends WebhookEndpointPayload {
  @Field(() => String, { nullable: true, description: 'The new signing secret (whsec_…): shown this once, never again; null on failure.' })
  secret: string | null = null;

  static withSecret<T extends WebhookSecretPayload>(this: new () => T, endpoint: WebhookEndpoint, secret: string): T {
    return Object.assign(new this(), { endpoint, secret, userErrors: [] });
  }
}

@ObjectType({ description: 'Result of createWebhookEndpoint.' })
export class CreateWebhookEndpointPayload extends WebhookSecretPayload {}

@ObjectType({ description: 'Result of rotateWebhookSecret.' })
export class RotateWebhookSecretPayload extends WebhookSecretPayload {}

@ObjectType({ description: 'Result of deleteWebhookEndpoint.' })
export class DeleteWebhookEndpointPayload {
  @Field(() => ID, { nullable: true, description: 'The id of the deleted endpoint; null when nothing was deleted.' })
  deletedEndpointId: string | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok(deletedEndpointId: string): DeleteWebhookEndpointPayload {
    return Object.assign(new DeleteWebhookEndpointPayload(), { deletedEndpointId, userErrors: [] });
  }

  static failed(...userErrors: UserError[]): DeleteWebhookEndpointPayload {
    return Object.assign(new DeleteWebhookEndpointPayload(), { deletedEndpointId: null, userErrors });
  }
}

@ObjectType({ description: 'Result of redeliverWebhook.' })
export class RedeliverWebhookPayload {
  @Field(() => WebhookDelivery, { nullable: true, description: 'The new delivery, queued now; null when nothing was queued.' })
  delivery: WebhookDelivery | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok(delivery: WebhookDelivery): RedeliverWebhookPayload {
    return Object.assign(new RedeliverWebhookPayload(), { delivery, userErrors: [] });
  }

  static failed(...userErrors: UserError[]): RedeliverWebhookPayload {
    return Object.assign(new RedeliverWebhookPayload(), { delivery: null, userErrors });
  }
}

@ObjectType({ description: 'Result of replayWebhooks.' })
export class ReplayWebhooksPayload {
  @Field(() => Int, { description: 'How many deliveries were queued again (0 on failure).' })
  replayedCount: number;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok(replayedCount: number): ReplayWebhooksPayload {
    return Object.assign(new ReplayWebhooksPayload(), { replayedCount, userErrors: [] });
  }

  static failed(...userErrors: UserError[]): ReplayWebhooksPayload {
    return Object.assign(new ReplayWebhooksPayload(), { replayedCount: 0, userErrors });
  }
}
