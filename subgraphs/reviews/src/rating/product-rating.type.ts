import { Field, Float, Int, ObjectType } from 'type-graphql';
import { averageOf, type RatingTotals } from './product-rating';

@ObjectType({ description: 'A product’s rating over its approved reviews.' })
export class ProductRating {
  @Field(() => Float, { nullable: true, description: 'Average stars (1–5, two decimals); null while the product has no approved review.' })
  average: number | null;

  @Field(() => Int, { description: 'How many approved reviews it has.' })
  count: number;

  static of(totals: RatingTotals): ProductRating {
    return Object.assign(new ProductRating(), { average: averageOf(totals), count: totals.count });
  }
}
