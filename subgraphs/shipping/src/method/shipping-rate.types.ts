import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Money } from '@ultramarket/kit';

export enum ShippingRateKind {
  FLAT = 'FLAT',
  BY_WEIGHT = 'BY_WEIGHT',
  BY_PRICE = 'BY_PRICE',
}
registerEnumType(ShippingRateKind, {
  name: 'ShippingRateKind',
  description: 'How a method prices: one amount, by weight bracket of the cart, or by price band of its subtotal.',
});

@ObjectType({ description: 'A weight bracket: from its minimum (inclusive) up to its maximum (exclusive; null for no upper end).' })
export class ShippingWeightBracket {
  @Field(() => Int, { description: 'Lowest cart weight in grams (inclusive).' })
  minWeightGrams: number;

  @Field(() => Int, { nullable: true, description: 'Cart weights below it (exclusive); null for no upper end.' })
  maxWeightGrams: number | null;

  @Field(() => Money, { description: 'What shipping costs for a cart in the bracket.' })
  amount: Money;
}

@ObjectType({ description: "A price band on the cart's subtotal: from its minimum (inclusive) up to its maximum (exclusive; null for no upper end)." })
export class ShippingPriceBand {
  @Field(() => Money, { description: 'Lowest subtotal (inclusive).' })
  minSubtotal: Money;

  @Field(() => Money, { nullable: true, description: 'Subtotals below it (exclusive); null for no upper end.' })
  maxSubtotal: Money | null;

  @Field(() => Money, { description: 'What shipping costs for a cart in the band.' })
  amount: Money;
}

@ObjectType({ description: "A method's rate rule." })
export class ShippingMethodRate {
  @Field(() => ShippingRateKind, { description: 'How the method prices.' })
  kind: ShippingRateKind;

  @Field(() => Money, { nullable: true, description: 'The amount of a FLAT rate; null otherwise.' })
  amount: Money | null;

  @Field(() => [ShippingWeightBracket], { description: 'The brackets of a BY_WEIGHT rate, lightest first; empty otherwise.' })
  weightBrackets: ShippingWeightBracket[];

  @Field(() => [ShippingPriceBand], { description: 'The bands of a BY_PRICE rate, cheapest first; empty otherwise.' })
  priceBands: ShippingPriceBand[];
}
