import { Arg, Ctx, Directive, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Money, type SubgraphContext } from '@ultramarket/kit';
import { cartConfig } from '../cart-config';
import { Cart } from '../cart/cart.entity';
import { loadPricedCart } from '../cart/priced-cart';
import { CompleteCheckoutInput, ReviewCheckoutInput, SetCartNoteInput } from './checkout.inputs';
import { CompleteCheckoutPayload, PlaceOrderPayload, ReviewCheckoutPayload, SetCartNotePayload } from './checkout.payloads';
import { PlaceOrderInput } from './place-order.inputs';
import { placeOrder } from './place-order';
import { completeCheckout } from './complete-checkout';
import { reviewCheckout } from './review-checkout';
import { setCartNote } from './set-cart-note';

/** The checkout steps that are cart's own: the note, the review and the completion that becomes the order. */
@Resolver(() => Cart)
export class CheckoutResolver {
  @Mutation(() => SetCartNotePayload, { description: "Sets the shopper's note for the order (at most 1000 characters; null clears it)." })
  setCartNote(@Arg('input', () => SetCartNoteInput, { description: 'The cart and the note.' }) input: SetCartNoteInput, @Ctx() context: SubgraphContext) {
    return setCartNote(context, cartConfig, input);
  }

  @Mutation(() => ReviewCheckoutPayload, {
    description:
      'Reviews a cart before completing its checkout: the cart priced now, and as userErrors what changed (an ended or deactivated code is taken off: DISCOUNT_CODE_EXPIRED; PRICE_CHANGED) and what blocks completion (LINE_UNAVAILABLE, INSUFFICIENT_STOCK, DISCOUNT_CODE_USED_UP, EMAIL_REQUIRED, SHIPPING_ADDRESS_REQUIRED, ADDRESS_INCOMPLETE, SHIPPING_RATE_REQUIRED, GUEST_CHECKOUT_DISABLED, PHONE_REQUIRED, STORE_UNAVAILABLE). The total shown is recorded on the cart.',
  })
  reviewCheckout(@Arg('input', () => ReviewCheckoutInput, { description: 'The cart to review.' }) input: ReviewCheckoutInput, @Ctx() context: SubgraphContext) {
    return reviewCheckout(context, cartConfig, input);
  }

  @Mutation(() => CompleteCheckoutPayload, {
    description:
      "Completes a cart's checkout: every review check again (any refusal writes nothing), the expected total (CHECKOUT_TOTAL_CHANGED), then the promotions' use is counted, the cart checked out and the order handed to orders, whose reply is awaited (up to CART_CHECKOUT_REPLY_TIMEOUT_MS: then orderId alone, query order(id)). Repeating it with the same idempotencyKey returns the same order.",
  })
  completeCheckout(
    @Arg('input', () => CompleteCheckoutInput, { description: 'The cart, the idempotency key and the expected total.' }) input: CompleteCheckoutInput,
    @Ctx() context: SubgraphContext,
  ) {
    return completeCheckout(context, cartConfig, input);
  }

  // a transaction over every line plus the reservation it sets off: the gateway prices each call, aliases too, at this weight
  @Directive('@cost(weight: 20)')
  @Mutation(() => PlaceOrderPayload, {
    description:
      'Places an order in the caller’s store (guests too, naming it with X-Store-Id): a "buy now" — the items become a one-off cart priced by the same engine as every cart (automatic promotions, tax for the address, the cheapest shipping rate offered for it) and completed like completeCheckout; stock is then reserved and the order awaits payment. userErrors: STORE_UNAVAILABLE (the store is not ACTIVE), GUEST_CHECKOUT_DISABLED (the store wants signed-in shoppers), PHONE_REQUIRED (the store wants a phone number), RATE_LIMITED (too many open unpaid orders of this shopper), QUANTITY_TOO_LARGE, ORDER_TOTAL_TOO_LARGE (the total would exceed 2^53 − 1 minor units), PRODUCT_NOT_AVAILABLE, VARIANT_REQUIRED, CURRENCY_MISMATCH, IDEMPOTENCY_KEY_REUSED.',
  })
  placeOrder(
    @Arg('input', () => PlaceOrderInput, { description: 'The checkout.' }) input: PlaceOrderInput,
    @Ctx() context: SubgraphContext,
  ): Promise<PlaceOrderPayload> {
    return placeOrder(context, cartConfig, input);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'The total shown at the last reviewCheckout; null before any review.' })
  async reviewedTotal(@Root() cart: Cart, @Ctx() context: SubgraphContext): Promise<Money | null> {
    if (cart.reviewedTotalAmount === null || cart.reviewedTotalAmount === undefined) return null;
    return Money.of(cart.reviewedTotalAmount, (await loadPricedCart(context, cart)).currencyCode);
  }
}
