import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { ProductReview } from './product-review.entity';

/** Review mutations answer with the review as it now is. */
@ObjectType({ description: 'Result of a review mutation.' })
export class ProductReviewPayload {
  @Field(() => ProductReview, { nullable: true, description: 'The review as it now is; null when nothing was changed.' })
  review: ProductReview | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok<T extends ProductReviewPayload>(this: new () => T, review: ProductReview): T {
    return Object.assign(new this(), { review, userErrors: [] });
  }

  static failed<T extends ProductReviewPayload>(this: new () => T, ...userErrors: UserError[]): T {
    return Object.assign(new this(), { review: null, userErrors });
  }
}

@ObjectType({ description: 'Result of createProductReview.' })
export class CreateProductReviewPayload extends ProductReviewPayload {}

@ObjectType({ description: 'Result of updateProductReview.' })
export class UpdateProductReviewPayload extends ProductReviewPayload {}

@ObjectType({ description: 'Result of moderateProductReview.' })
export class ModerateProductReviewPayload extends ProductReviewPayload {}

@ObjectType({ description: 'Result of deleteProductReview.' })
export class DeleteProductReviewPayload {
  @Field(() => ID, { nullable: true, description: 'The id of the deleted review; null when nothing was deleted.' })
  deletedReviewId: string | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok(deletedReviewId: string): DeleteProductReviewPayload {
    return Object.assign(new DeleteProductReviewPayload(), { deletedReviewId, userErrors: [] });
  }

  static failed(...userErrors: UserError[]): DeleteProductReviewPayload {
    return Object.assign(new DeleteProductReviewPayload(), { deletedReviewId: null, userErrors });
  }
}
