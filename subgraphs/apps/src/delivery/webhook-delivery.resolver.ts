import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Authorized, Ctx, Directive, Field, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CONNECTION_LIST_SIZE, PageArgs, Role, selectsField, type SubgraphContext } from '@ultramarket/kit';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookDeliveryAttempt } from './webhook-delivery-attempt.entity';
import { WebhookDeliveryConnection } from './webhook-delivery.connection';
import { WebhookDeliveryFilter } from './webhook-delivery.filter';
import { attemptsOf, storeDeliveries, storeDelivery } from './delivery-queries';
import { redeliverWebhook } from './redeliver-webhook';
import { replayWebhooks } from './replay-webhooks';
import { RedeliverWebhookInput, ReplayWebhooksInput } from '../webhook/webhook.inputs';
import { RedeliverWebhookPayload, ReplayWebhooksPayload } from '../webhook/webhook.payloads';

@ArgsType()
class WebhookDeliveriesArgs extends PageArgs {
  @Field(() => WebhookDeliveryFilter, { nullable: true, description: 'Which deliveries (all of the store’s when absent).' })
  filter?: WebhookDeliveryFilter | null;
}

/** The store's staff read the delivery log and send deliveries again. */
@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Directive(CONNECTION_LIST_SIZE)
  @Query(() => WebhookDeliveryConnection, { description: "The caller's store's webhook delivery log, newest first, successes and failures alike." })
  webhookDeliveries(@Args() args: WebhookDeliveriesArgs, @Ctx() context: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    return storeDeliveries(context, args.filter ?? null, args, selectsField(info, 'totalCount'));
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Query(() => WebhookDelivery, { nullable: true, description: "One delivery of the caller's store's log; null if there is no such delivery there." })
  webhookDelivery(@Arg('id', () => ID, { description: 'The delivery.' }) id: string, @Ctx() context: SubgraphContext) {
    return storeDelivery(context, id);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => RedeliverWebhookPayload, { description: 'Sends a delivery of the log again, as a new delivery with the same body.' })
  redeliverWebhook(@Arg('input', { description: 'The delivery.' }) input: RedeliverWebhookInput, @Ctx() context: SubgraphContext) {
    return redeliverWebhook(context, input.deliveryId);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => ReplayWebhooksPayload, {
    description: 'Sends again every event an endpoint was sent that occurred in a time range, from the delivery log (events pruned from it cannot be).',
  })
  replayWebhooks(@Arg('input', { description: 'The endpoint and the range.' }) input: ReplayWebhooksInput, @Ctx() context: SubgraphContext) {
    return replayWebhooks(context, input);
  }

  @FieldResolver(() => [WebhookDeliveryAttempt], { description: 'Every attempt made, first to last, with its outcome.' })
  attemptLog(@Root() delivery: WebhookDelivery, @Ctx() context: SubgraphContext) {
    return attemptsOf(context, delivery);
  }
}
