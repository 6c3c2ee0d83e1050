import { Field, ID, ObjectType } from 'type-graphql';
import { Money } from '@ultramarket/kit';
import { ShippingCarrier } from '../carrier/shipping-carrier.type';

@ObjectType({ description: 'A shipping rate a cart may choose: a method of a zone that holds its address, priced for the cart.' })
export class ShippingRate {
  @Field(() => ID, { description: 'The rate to choose (the shipping method id).' })
  id: string;

  @Field({ description: 'What shoppers see, e.g. "Standard".' })
  title: string;

  @Field(() => Money, { description: 'What shipping costs by it, before promotions and tax.' })
  price: Money;

  @Field({ description: "Whether the cart's subtotal reached the method's free-over threshold (price is then 0)." })
  freeOverApplied: boolean;

  @Field(() => ShippingCarrier, { description: 'Who carries the parcel.' })
  carrier: ShippingCarrier;
}
