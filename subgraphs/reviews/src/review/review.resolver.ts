import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Authorized, Ctx, Directive, Field, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CONNECTION_LIST_SIZE, managesStore, PageArgs, Role, selectsField, type SubgraphContext } from '@ultramarket/kit';
import { ProductReview } from './product-review.entity';
import { ReviewStatus } from './review-status';
import { ProductReviewConnection } from './review.connection';
import { CreateProductReviewInput, DeleteProductReviewInput, ModerateProductReviewInput, UpdateProductReviewInput } from './review.inputs';
import { CreateProductReviewPayload, DeleteProductReviewPayload, ModerateProductReviewPayload, UpdateProductReviewPayload } from './review.payloads';
import { myReviews, storeReviews } from './review-queries';
import { createProductReview } from './create-review';
import { updateProductReview } from './update-review';
import { deleteProductReview } from './delete-review';
import { moderateProductReview } from './moderate-review';
import { ProductReviews } from '../rating/product.type';

@ArgsType()
class StoreReviewsArgs extends PageArgs {
  @Field(() => ReviewStatus, { nullable: true, description: 'Only reviews in this status (all when absent), e.g. PENDING for the moderation queue.' })
  status?: ReviewStatus | null;
}

@Resolver(() => ProductReview)
export class ProductReviewResolver {
  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Directive(CONNECTION_LIST_SIZE)
  @Query(() => ProductReviewConnection, { description: "The caller's store's reviews of every product, newest first: the staff's moderation queue." })
  productReviews(@Args() args: StoreReviewsArgs, @Ctx() context: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    return storeReviews(context, args.status ?? null, args, selectsField(info, 'totalCount'));
  }

  @Authorized()
  @Directive(CONNECTION_LIST_SIZE)
  @Query(() => ProductReviewConnection, { description: "The signed-in shopper's reviews in the request's store, every status, newest first." })
  myProductReviews(@Args() args: PageArgs, @Ctx() context: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    return myReviews(context, args, selectsField(info, 'totalCount'));
  }

  @Authorized(Role.CUSTOMER)
  @Mutation(() => CreateProductReviewPayload, {
    description: 'The signed-in shopper reviews a product of the store (PENDING until moderated); publishes reviews.review-submitted.',
  })
  createProductReview(@Arg('input', { description: 'The review.' }) input: CreateProductReviewInput, @Ctx() context: SubgraphContext) {
    return createProductReview(context, input);
  }

  @Authorized()
  @Mutation(() => UpdateProductReviewPayload, { description: 'Its author changes a review, which goes back to PENDING; publishes reviews.review-edited.' })
  updateProductReview(@Arg('input', { description: 'What to change.' }) input: UpdateProductReviewInput, @Ctx() context: SubgraphContext) {
    return updateProductReview(context, input);
  }

  @Authorized()
  @Mutation(() => DeleteProductReviewPayload, { description: 'Its author deletes a review; publishes reviews.review-deleted.' })
  deleteProductReview(@Arg('input', { description: 'The review to delete.' }) input: DeleteProductReviewInput, @Ctx() context: SubgraphContext) {
    return deleteProductReview(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => ModerateProductReviewPayload, {
    description:
      "The store's staff approve or reject a review of their store; publishes reviews.review-moderated (and reviews.rating-changed when the rating moves).",
  })
  moderateProductReview(@Arg('input', { description: 'The review and the decision.' }) input: ModerateProductReviewInput, @Ctx() context: SubgraphContext) {
    return moderateProductReview(context, input);
  }

  @FieldResolver(() => ProductReviews, { description: 'The product reviewed.' })
  product(@Root() review: ProductReview): ProductReviews {
    return ProductReviews.of(review.productId);
  }

  @FieldResolver(() => ID, { nullable: true, description: "The author's user id: for the store's staff and the author only, null for everyone else." })
  authorId(@Root() review: ProductReview, @Ctx() context: SubgraphContext): string | null {
    const { caller } = context;
    return managesStore(caller, review.storeId) || (caller.userId === review.customerId && caller.storeId === review.storeId) ? review.customerId : null;
  }
}
