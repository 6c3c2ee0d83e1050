import { UserError, type SubgraphContext } from '@ultramarket/kit';
import type { CartConfig } from '../cart-config';
import type { Cart } from '../cart/cart.entity';
import { CartStatus } from '../cart/cart-status';
import { cartTokenMatches } from '../cart/cart-token';
import { lockOwnedCart } from '../cart/cart-writes';
import type { CompleteCheckoutInput } from './checkout.inputs';
import { CompleteCheckoutPayload } from './checkout.payloads';
import { completeLockedCart } from './complete-cart';
import { OrderReference } from './order-reference.type';
import { runCheckout, type CheckoutOutcome } from './run-checkout';

/**
 * Completes the checkout of the caller's open cart: every review check again (any blocking one refuses,
 * writing nothing), the expected total, the store's settings and status, then in one unit of work the
 * promotions' use counted, the cart checked out with a new order id and `cart.checkout-completed` emitted;
 * then orders' reply is awaited (the order, its refusal as a userError, or the order id alone on timeout).
 * The same key for the same cart and shopper replays the same order id; for anything else it is refused.
 */
export async function completeCheckout(context: SubgraphContext, config: CartConfig, input: CompleteCheckoutInput): Promise<CompleteCheckoutPayload> {
  const isSameCheckout = (earlier: Cart) =>
    earlier.id === input.cartId &&
    earlier.status === CartStatus.CHECKED_OUT &&
    (earlier.userId !== null
      ? context.caller.userId === earlier.userId
      : earlier.checkedOutBy !== null
        ? context.caller.userId === earlier.checkedOutBy
        : cartTokenMatches(input.cartToken, earlier.tokenHash));
  const outcome = await runCheckout(context, config, input.idempotencyKey, isSameCheckout, async (tx, orderId) => {
    const cart = await lockOwnedCart(context, tx, input.cartId, input.cartToken);
    if (!cart) return null;
    return completeLockedCart(
      context,
      tx,
      config,
      cart,
      { orderId, idempotencyKey: input.idempotencyKey, expectedTotal: input.expectedTotal },
      CartStatus.CHECKED_OUT,
    );
  });
  return completeCheckoutPayloadOf(outcome);
}

/** The payload of a checkout's outcome: orders' refusal is the shopper's userError; no reply yet is the order id alone. */
export function completeCheckoutPayloadOf(outcome: CheckoutOutcome): CompleteCheckoutPayload {
  if (outcome.kind === 'REFUSED') return CompleteCheckoutPayload.failed(...outcome.userErrors);
  const { reply } = outcome;
  // orders' own code (RATE_LIMITED, IDEMPOTENCY_KEY_REUSED, …), relayed as it is: docs/errors.md lists them under orders
  if (reply.kind === 'REFUSED') {
    return CompleteCheckoutPayload.failed(Object.assign(new UserError(), { code: reply.code, message: reply.message, field: reply.field ?? undefined }));
  }
  return Object.assign(new CompleteCheckoutPayload(), {
    orderId: outcome.orderId,
    order: reply.kind === 'PENDING' ? null : OrderReference.of(outcome.orderId),
    cart: outcome.cart,
    userErrors: [],
  });
}
