import { randomUUID } from 'node:crypto';
import { acceptsCheckout, traceOf, type SubgraphContext, type Tx, type UserError } from '@ultramarket/kit';
import type { CartConfig } from '../cart-config';
import { Cart } from '../cart/cart.entity';
import { CartErrors } from '../cart/cart-errors';
import { CheckoutErrors } from './checkout-errors';
import { checkoutReplies, type CheckoutReply } from './checkout-replies';
import { CheckoutRefused, isIdempotencyKeyTaken } from './complete-cart';

/** How a checkout ended: refused (nothing written, or orders refused the order), or placed with orders' reply. */
export type CheckoutOutcome =
  { kind: 'REFUSED'; userErrors: UserError[] } | { kind: 'PLACED'; orderId: string; cart: Cart; reply: CheckoutReply | { kind: 'REPLAYED' } };

const refused = (...userErrors: UserError[]): CheckoutOutcome => ({ kind: 'REFUSED', userErrors });

/**
 * What completeCheckout and placeOrder share around the one completion path: the store must take orders; a key
 * already used in the store replays its checkout (the same order) for the same checkout and shopper
 * (`isSameCheckout`), and is IDEMPOTENCY_KEY_REUSED for anyone else; otherwise a new order id is chosen, its
 * reply awaited from before `complete` commits, and after the commit orders' reply is waited for up to
 * CART_CHECKOUT_REPLY_TIMEOUT_MS. `complete` answers null when the cart is not the caller's open cart.
 */
export async function runCheckout(
  context: SubgraphContext,
  config: CartConfig,
  idempotencyKey: string,
  isSameCheckout: (earlier: Cart) => boolean,
  complete: (tx: Tx, orderId: string) => Promise<Cart | null>,
): Promise<CheckoutOutcome> {
  const { storeId } = context.caller;
  if (!storeId) return refused(CartErrors.storeRequired());
  const status = await context.storeStatuses.of(storeId);
  if (!acceptsCheckout(status)) return refused(CheckoutErrors.storeUnavailable(status));
  const replay = (earlier: Cart): CheckoutOutcome =>
    isSameCheckout(earlier)
      ? { kind: 'PLACED', orderId: earlier.orderId!, cart: earlier, reply: { kind: 'REPLAYED' } }
      : refused(CheckoutErrors.idempotencyKeyReused());
  const findEarlier = () => context.storeDb.read((manager) => manager.getRepository(Cart).findOneBy({ storeId, idempotencyKey }));

  const earlier = await findEarlier();
  if (earlier) return replay(earlier);
  const orderId = randomUUID();
  // listening before the commit: orders may answer before this request would otherwise start waiting
  const waiter = checkoutReplies.expect(orderId);
  let cart: Cart | null = null;
  try {
    cart = await context.unitOfWork.run(traceOf(context), (tx) => complete(tx, orderId));
  } catch (error) {
    waiter.cancel();
    if (error instanceof CheckoutRefused) return refused(...error.userErrors);
    if (!isIdempotencyKeyTaken(error)) throw error;
  }
  if (!cart) {
    waiter.cancel();
    // a concurrent call with the same key may have completed this very cart first
    const winner = await findEarlier();
    return winner ? replay(winner) : refused(CartErrors.cartNotFound());
  }
  return { kind: 'PLACED', orderId, cart, reply: await waiter.reply(config.checkoutReplyTimeoutMs) };
}
