import { Field, Int, ObjectType } from 'type-graphql';
import { Money } from '@ultramarket/kit';

@ObjectType({ description: 'A tax charged on the cart (its lines and shipping), one per rule.' })
export class CartTaxLine {
  @Field({ description: 'The rule\'s title, e.g. "GST".' })
  title: string;

  @Field(() => Int, { description: 'Rate in basis points: 2000 is 20 %.' })
  rateBasisPoints: number;

  @Field(() => Money, { description: 'The tax, rounded as the store rounds.' })
  amount: Money;
}
