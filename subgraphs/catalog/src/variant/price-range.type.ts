import { Field, ObjectType } from 'type-graphql';
import { Money } from '@ultramarket/kit';

/** The lowest and highest variant price of a product ("from 12.00"). */
@ObjectType({ description: 'The lowest and highest price among a product’s variants.' })
export class PriceRange {
  @Field(() => Money, { description: 'Lowest variant price.' })
  min: Money;

  @Field(() => Money, { description: 'Highest variant price.' })
  max: Money;

  static of(min: Money, max: Money): PriceRange {
    return Object.assign(new PriceRange(), { min, max });
  }
}
