import type { GraphQLResolveInfo } from 'graphql';
import { Args, ArgsType, Ctx, Directive, Field, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { CONNECTION_LIST_SIZE, forbidden, managesStore, PageArgs, selectsField, type SubgraphContext } from '@ultramarket/kit';
import { ProductReviews } from './product.type';
import { ProductRating } from './product-rating.type';
import { loadRating } from './product-rating';
import { ReviewStatus } from '../review/review-status';
import { productReviewsOf } from '../review/review-queries';
import { ProductReviewConnection } from '../review/review.connection';

@ArgsType()
class ProductReviewsArgs extends PageArgs {
  @Field(() => ReviewStatus, {
    nullable: true,
    description: 'Only reviews in this status: the store’s staff may ask for any (all when absent); others see APPROVED ones only.',
  })
  status?: ReviewStatus | null;
}

@Resolver(() => ProductReviews)
export class ProductReviewsResolver {
  @FieldResolver(() => ProductRating, { description: 'Its rating over its approved reviews in this store (batched: one read per request).' })
  async rating(@Root() product: ProductReviews, @Ctx() context: SubgraphContext): Promise<ProductRating> {
    return ProductRating.of(await loadRating(context, product.id));
  }

  @Directive(CONNECTION_LIST_SIZE)
  @FieldResolver(() => ProductReviewConnection, { description: 'Its reviews, newest first: approved ones for shoppers; any status for the store’s staff.' })
  reviews(@Root() product: ProductReviews, @Args() args: ProductReviewsArgs, @Ctx() context: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    const { storeId } = context.caller;
    const staff = storeId !== null && managesStore(context.caller, storeId);
    if (!staff && args.status && args.status !== ReviewStatus.APPROVED) throw forbidden('Only the store’s staff see reviews that are not approved');
    const status = staff ? (args.status ?? null) : ReviewStatus.APPROVED;
    return productReviewsOf(context, product.id, status, args, selectsField(info, 'totalCount'));
  }
}
