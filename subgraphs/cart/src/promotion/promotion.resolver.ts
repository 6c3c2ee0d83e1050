import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Directive, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import { CONNECTION_LIST_SIZE, connectionTypes, Role, selectsField, type SubgraphContext } from '@ultramarket/kit';
import { Promotion } from './promotion.entity';
import { CreatePromotionInput, DeactivatePromotionInput, PromotionsArgs, UpdatePromotionInput } from './promotion.inputs';
import { CreatePromotionPayload, DeactivatePromotionPayload, UpdatePromotionPayload } from './promotion.payloads';
import { createPromotion, deactivatePromotion, updatePromotion } from './promotion-commands';
import { findPromotion, listPromotions } from './promotion-queries';

const PromotionConnection = connectionTypes(Promotion, 'Promotion');

/** Discount codes and automatic promotions: the store's staff manage them; shoppers meet them on their carts. */
@Resolver(() => Promotion)
export class PromotionResolver {
  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Query(() => Promotion, { nullable: true, description: "A discount code or automatic promotion of the caller's store (its staff); null when there is none." })
  promotion(@Arg('id', () => ID, { description: 'The promotion.' }) id: string, @Ctx() context: SubgraphContext): Promise<Promotion | null> {
    return findPromotion(context, id);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Directive(CONNECTION_LIST_SIZE)
  @Query(() => PromotionConnection, { description: "The store's discount codes and automatic promotions, newest first (its staff)." })
  promotions(@Args() args: PromotionsArgs, @Ctx() context: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    return listPromotions(context, args, selectsField(info, 'totalCount'));
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => CreatePromotionPayload, { description: 'Creates a discount code (with `code`) or an automatic promotion (without) in the caller’s store.' })
  createPromotion(@Arg('input', () => CreatePromotionInput, { description: 'The promotion.' }) input: CreatePromotionInput, @Ctx() context: SubgraphContext) {
    return createPromotion(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => UpdatePromotionPayload, { description: 'Changes a promotion; fields left out keep their values. Carts show the change at their next read.' })
  updatePromotion(@Arg('input', () => UpdatePromotionInput, { description: 'The changes.' }) input: UpdatePromotionInput, @Ctx() context: SubgraphContext) {
    return updatePromotion(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => DeactivatePromotionPayload, { description: 'Deactivates a promotion: it applies to no cart from now on and stays listed.' })
  deactivatePromotion(
    @Arg('input', () => DeactivatePromotionInput, { description: 'The promotion.' }) input: DeactivatePromotionInput,
    @Ctx() context: SubgraphContext,
  ) {
    return deactivatePromotion(context, input);
  }
}
