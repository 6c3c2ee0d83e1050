import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Max, MaxLength, Min } from 'class-validator';
import { RAW_BODY_MAX_LENGTH, RAW_TITLE_MAX_LENGTH } from './review-text';
import { ModerationDecision } from './review-status';

@InputType({ description: 'A review of a product by the signed-in shopper.' })
export class CreateProductReviewInput {
  @Field(() => ID, { description: 'The product reviewed.' })
  productId: string;

  @Field(() => Int, { description: 'Stars from 1 to 5.' })
  @Min(1)
  @Max(5)
  rating: number;

  @Field({ description: 'Title; markup is removed and whitespace collapsed, then at most 120 characters may remain.' })
  @MaxLength(RAW_TITLE_MAX_LENGTH)
  title: string;

  @Field({ description: 'Text; markup is removed and whitespace normalised, then at most 5000 characters may remain.' })
  @MaxLength(RAW_BODY_MAX_LENGTH)
  body: string;
}

@InputType({ description: 'What the author changes in their review; the review goes back to PENDING.' })
export class UpdateProductReviewInput {
  @Field(() => ID, { description: 'The review.' })
  id: string;

  @Field(() => Int, { nullable: true, description: 'New stars from 1 to 5; unchanged when absent.' })
  @IsOptional()
  @Min(1)
  @Max(5)
  rating?: number | null;

  @Field(() => String, { nullable: true, description: 'New title (cleaned as on creation); unchanged when absent.' })
  @IsOptional()
  @MaxLength(RAW_TITLE_MAX_LENGTH)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'New text (cleaned as on creation); unchanged when absent.' })
  @IsOptional()
  @MaxLength(RAW_BODY_MAX_LENGTH)
  body?: string | null;
}

@InputType({ description: 'The review its author deletes.' })
export class DeleteProductReviewInput {
  @Field(() => ID, { description: 'The review.' })
  id: string;
}

@InputType({ description: 'The staff’s decision on a review of their store.' })
export class ModerateProductReviewInput {
  @Field(() => ID, { description: 'The review.' })
  id: string;

  @Field(() => ModerationDecision, { description: 'Approve or reject.' })
  decision: ModerationDecision;

  @Field(() => String, { nullable: true, description: 'Why it is rejected (required to reject, 1–500 characters; shown to the author); ignored on approval.' })
  @IsOptional()
  @MaxLength(500)
  reason?: string | null;
}
