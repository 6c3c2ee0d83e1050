import { Field, ID, ObjectType } from 'type-graphql';
import { Money } from '@ultramarket/kit';

@ObjectType({ description: "The shipping rate the shopper chose, priced now for the cart's address, weight and subtotal." })
export class CartShippingRate {
  @Field(() => ID, { description: 'The rate (a shipping method) as `availableShippingRates` offers it.' })
  rateId: string;

  @Field({ description: 'The method\'s name, e.g. "Standard".' })
  title: string;

  @Field(() => Money, { description: 'What shipping costs now, before shipping promotions (0 when the method ships free over the subtotal).' })
  amount: Money;
}
