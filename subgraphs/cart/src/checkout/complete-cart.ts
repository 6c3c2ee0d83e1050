import type { MoneyInput, SubgraphContext, Tx, UserError } from '@ultramarket/kit';
import type { CartConfig } from '../cart-config';
import { Cart } from '../cart/cart.entity';
import { CartStatus } from '../cart/cart-status';
import { expiresAtOf } from '../cart/cart-writes';
import type { PricedCart } from '../cart/priced-cart';
import { checkoutProblems } from './checkout-checks';
import { CheckoutEvents, checkoutCompletedData } from './checkout-completed';
import { CheckoutErrors, shown } from './checkout-errors';
import { readCheckoutFacts } from './checkout-facts';
import { countPromotionUsage, lockLimitedPromotions } from './promotion-usage';

/** The checkout may not complete: the transaction rolls back (nothing written) and the caller answers with these. */
export class CheckoutRefused extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((error) => error.code).join(', '));
  }
}

/** What one completion is asked: the order id cart chose, the shopper's key and, optionally, the total they agreed to. */
export interface CompletionRequest {
  orderId: string;
  idempotencyKey: string;
  expectedTotal?: MoneyInput | null;
}

/**
 * The one completion path (completeCheckout and placeOrder's buy-now cart), inside the caller's transaction
 * with the cart row locked: the limited promotions that could apply locked (checkouts using them take
 * turns), the cart priced and checked again, the expected total compared, one use of each applied promotion
 * counted, the cart marked checked out with its order id and key, and `cart.checkout-completed` written to
 * the outbox — all in the one unit of work. Any refusal throws CheckoutRefused, so nothing of it is written.
 */
export async function completeLockedCart(
  context: SubgraphContext,
  tx: Tx,
  config: CartConfig,
  cart: Cart,
  request: CompletionRequest,
  status: CartStatus.CHECKED_OUT | CartStatus.BUY_NOW,
): Promise<Cart> {
  const customerId = context.caller.userId;
  await lockLimitedPromotions(tx.manager, cart);
  const facts = await readCheckoutFacts(tx.manager, cart, customerId);
  const problems = checkoutProblems(facts, status === CartStatus.BUY_NOW ? 'BUY_NOW' : 'COMPLETE');
  if (problems.length > 0) throw new CheckoutRefused(problems);
  const priced = facts.priced as PricedCart;
  const { expectedTotal } = request;
  if (expectedTotal && (expectedTotal.amount !== priced.total.amount || expectedTotal.currencyCode !== priced.total.currencyCode)) {
    throw new CheckoutRefused([
      CheckoutErrors.totalChanged(shown(expectedTotal.amount, expectedTotal.currencyCode), shown(priced.total.amount, priced.currencyCode)),
    ]);
  }
  const usedUp = await countPromotionUsage(tx.manager, cart, priced.engine.appliedPromotions, customerId, request.orderId);
  if (usedUp) throw new CheckoutRefused([usedUp.code ? CheckoutErrors.codeUsedUp(usedUp.code.toUpperCase()) : CheckoutErrors.promotionUsedUp(usedUp.title)]);
  const checkedOut = { ...cart, status };
  await tx.manager.query(
    `UPDATE cart SET status = $3, order_id = $4, idempotency_key = $5, checked_out_by = $6, checked_out_at = now(), expires_at = $7,
            version = version + 1, updated_at = now()
      WHERE id = $1 AND store_id = $2`,
    [cart.id, cart.storeId, status, request.orderId, request.idempotencyKey, customerId, expiresAtOf(checkedOut, config)],
  );
  const saved = (await tx.manager.getRepository(Cart).findOneBy({ id: cart.id, storeId: cart.storeId }))!;
  await tx.emit({
    type: CheckoutEvents.completed,
    storeId: cart.storeId,
    aggregateId: cart.id,
    aggregateVersion: saved.version,
    data: checkoutCompletedData(context, { ...facts, priced }, request),
  });
  return saved;
}

/** Whether an error is the database refusing a second checkout with the same key in the store (a concurrent replay). */
export function isIdempotencyKeyTaken(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } })?.driverError;
  return driverError?.code === '23505' && driverError.constraint === 'cart_idempotency_key';
}
