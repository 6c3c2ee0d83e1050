import { Field, Int, ObjectType } from 'type-graphql';
import { GraphQLSafeInt, Money } from '@ultramarket/kit';

@ObjectType({ description: 'What the caller’s store has on hand now, at its variants’ current prices (docs/analytics.md "Stock value").' })
export class StockValue {
  @Field(() => Money, { description: 'Σ on-hand units (at active locations, never below 0) × the variant’s price, over variants priced in this currency.' })
  value: Money;

  @Field(() => GraphQLSafeInt, { description: 'On-hand units of those variants.' })
  units: number;

  @Field(() => Int, { description: 'Variants counted (priced in this currency, with stock heard of).' })
  variants: number;

  @Field(() => GraphQLSafeInt, { description: 'On-hand units of variants analytics knows no price of (not counted in value).' })
  unpricedUnits: number;
}
