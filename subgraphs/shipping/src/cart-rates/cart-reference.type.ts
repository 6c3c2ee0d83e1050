import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Money } from '@ultramarket/kit';

/** The part of cart's address the rates depend on; cart owns the type and resolves every field (so all are external here). */
@Directive('@external')
@ObjectType('CartAddress', { description: "A cart's address (owned by the cart subgraph)." })
export class CartAddressFacts {
  @Field({ description: 'ISO 3166-1 alpha-2, upper case.' })
  countryCode: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-2 subdivision without the country prefix.' })
  provinceCode: string | null;

  @Field(() => String, { nullable: true, description: 'Postal code.' })
  postalCode: string | null;
}

/**
 * Cart as shipping sees it: the entity cart owns, with the facts `availableShippingRates` requires. The gateway
 * fetches them from cart and passes them in the representation; shipping stores nothing about carts.
 */
@Directive('@key(fields: "id")')
@ObjectType('Cart', { description: "A shopper's cart (owned by the cart subgraph)." })
export class CartReference {
  @Field(() => ID, { description: 'Cart id.' })
  id: string;

  @Directive('@external')
  @Field(() => CartAddressFacts, { nullable: true, description: 'Where the cart ships (cart resolves it).' })
  shippingAddress: CartAddressFacts | null;

  @Directive('@external')
  @Field(() => Int, { description: 'Grams of the available lines (cart resolves it).' })
  totalWeightGrams: number;

  @Directive('@external')
  @Field(() => Money, { description: 'The lines before discounts (cart resolves it).' })
  subtotal: Money;
}
