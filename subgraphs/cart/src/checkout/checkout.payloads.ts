import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { Cart } from '../cart/cart.entity';
import { CartPayload } from '../cart/cart.payloads';
import { OrderReference } from './order-reference.type';

@ObjectType({ description: 'Result of setCartNote.' })
export class SetCartNotePayload extends CartPayload {}

@ObjectType({ description: 'Result of reviewCheckout: the cart priced now and what changed or blocks its completion.' })
export class ReviewCheckoutPayload extends CartPayload {
  @Field({
    description:
      'True when completeCheckout would go ahead now: the userErrors only report what this review changed (an expired code taken off, a price change acknowledged).',
  })
  readyToComplete: boolean = false;
}

@ObjectType({ description: 'Result of completeCheckout.' })
export class CompleteCheckoutPayload {
  @Field(() => ID, {
    nullable: true,
    description: 'The id of the order the cart becomes (also when orders has not answered in time: query order(id) for it); null when refused.',
  })
  orderId: string | null;

  @Field(() => OrderReference, {
    nullable: true,
    description: 'The order, once orders created it; null when refused or while it is still on its way (then query order(id) with orderId).',
  })
  order: OrderReference | null;

  @Field(() => Cart, { nullable: true, description: 'The checked-out cart (no longer open); null when refused.' })
  cart: Cart | null;

  @Field(() => [UserError], { description: 'Why the checkout did not complete (nothing was written, or orders refused the order); empty on success.' })
  userErrors: UserError[];

  static failed(...userErrors: UserError[]): CompleteCheckoutPayload {
    return Object.assign(new CompleteCheckoutPayload(), { orderId: null, order: null, cart: null, userErrors });
  }
}

@ObjectType({ description: 'Result of placeOrder.' })
export class PlaceOrderPayload {
  @Field(() => OrderReference, { nullable: true, description: 'The order; null when nothing was done.' })
  order: OrderReference | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static of(order: OrderReference | null, ...userErrors: UserError[]): PlaceOrderPayload {
    return Object.assign(new PlaceOrderPayload(), { order, userErrors });
  }
}
