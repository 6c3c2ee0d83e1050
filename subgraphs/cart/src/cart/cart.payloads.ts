import { Field, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { Cart } from './cart.entity';

/** Every cart mutation answers with the cart (when it succeeded) and what went wrong (when not: then nothing changed). */
@ObjectType({ description: 'Result of a cart mutation.' })
export class CartPayload {
  @Field(() => Cart, { nullable: true, description: 'The cart as it now is; null when nothing was changed.' })
  cart: Cart | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok<T extends CartPayload>(this: new () => T, cart: Cart): T {
    return Object.assign(new this(), { cart, userErrors: [] });
  }

  static failed<T extends CartPayload>(this: new () => T, ...userErrors: UserError[]): T {
    return Object.assign(new this(), { cart: null, userErrors });
  }
}

@ObjectType({ description: 'Result of createCart.' })
export class CreateCartPayload extends CartPayload {
  @Field(() => String, {
    nullable: true,
    description:
      "A new guest cart's secret token: shown this once (only its hash is kept); every later call on the cart gives it. Null for a signed-in customer's cart.",
  })
  cartToken: string | null = null;
}

@ObjectType({ description: 'Result of addCartLines.' })
export class AddCartLinesPayload extends CartPayload {}

@ObjectType({ description: 'Result of updateCartLines.' })
export class UpdateCartLinesPayload extends CartPayload {}

@ObjectType({ description: 'Result of removeCartLines.' })
export class RemoveCartLinesPayload extends CartPayload {}

@ObjectType({ description: 'Result of setCartEmail.' })
export class SetCartEmailPayload extends CartPayload {}

@ObjectType({ description: 'Result of mergeCart.' })
export class MergeCartPayload extends CartPayload {}

@ObjectType({ description: 'Result of setCartAddresses.' })
export class SetCartAddressesPayload extends CartPayload {}

@ObjectType({ description: 'Result of selectCartShippingRate.' })
export class SelectCartShippingRatePayload extends CartPayload {}

@ObjectType({ description: 'Result of applyCartDiscountCode.' })
export class ApplyCartDiscountCodePayload extends CartPayload {}

@ObjectType({ description: 'Result of removeCartDiscountCode.' })
export class RemoveCartDiscountCodePayload extends CartPayload {}
