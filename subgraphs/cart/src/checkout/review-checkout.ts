import { acceptsCheckout, traceOf, type SubgraphContext } from '@ultramarket/kit';
import type { CartConfig } from '../cart-config';
import { CartErrors } from '../cart/cart-errors';
import { lockOwnedCart, storeRefusal, touchCart } from '../cart/cart-writes';
import { checkoutProblems } from './checkout-checks';
import { CheckoutErrors } from './checkout-errors';
import { readCheckoutFacts } from './checkout-facts';
import type { ReviewCheckoutInput } from './checkout.inputs';
import { ReviewCheckoutPayload } from './checkout.payloads';

/**
 * The checkout's review step: the caller's cart priced now and every check completeCheckout runs, as
 * userErrors. What review fixes itself it reports too: a discount code whose promotion ended, was deactivated
 * or deleted is taken off the cart (DISCOUNT_CODE_EXPIRED), and a line whose price changed since it was added
 * is reported (PRICE_CHANGED) and acknowledged (the line now remembers the price shown). The total shown is
 * recorded on the cart. `readyToComplete` says whether completeCheckout would go ahead now.
 */
export async function reviewCheckout(context: SubgraphContext, config: CartConfig, input: ReviewCheckoutInput): Promise<ReviewCheckoutPayload> {
  const refusal = await storeRefusal(context);
  if (refusal) return ReviewCheckoutPayload.failed(refusal);
  const status = await context.storeStatuses.of(context.caller.storeId!);
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const cart = await lockOwnedCart(context, tx, input.cartId, input.cartToken);
    if (!cart) return ReviewCheckoutPayload.failed(CartErrors.cartNotFound());
    const customerId = context.caller.userId;
    const problems = checkoutProblems(await readCheckoutFacts(tx.manager, cart, customerId), 'REVIEW');
    const expired = problems.filter((problem) => problem.code === 'DISCOUNT_CODE_EXPIRED').map((problem) => problem.field![2]);
    if (expired.length > 0) {
      await tx.manager.query(`DELETE FROM cart_discount_code WHERE cart_id = $1 AND store_id = $2 AND code = ANY($3::varchar[])`, [
        cart.id,
        cart.storeId,
        expired,
      ]);
    }
    await tx.manager.query(
      `UPDATE cart_line line SET added_unit_price_amount = variant.price_amount, added_currency_code = variant.currency_code
         FROM catalog_variant variant
        WHERE line.cart_id = $1 AND line.store_id = $2 AND variant.variant_id = line.variant_id AND variant.store_id = line.store_id
          AND (line.added_unit_price_amount IS DISTINCT FROM variant.price_amount OR line.added_currency_code IS DISTINCT FROM variant.currency_code)`,
      [cart.id, cart.storeId],
    );
    // what the shopper is shown: the cart as it is after the review's own changes
    const reviewed = await readCheckoutFacts(tx.manager, cart, customerId);
    const blocking = checkoutProblems(reviewed, 'REVIEW');
    const touched = await touchCart(tx.manager, cart, config);
    await tx.manager.query(`UPDATE cart SET reviewed_total_amount = $3, reviewed_at = now() WHERE id = $1 AND store_id = $2`, [
      cart.id,
      cart.storeId,
      reviewed.priced?.total.amount ?? null,
    ]);
    const storeClosed = acceptsCheckout(status) ? [] : [CheckoutErrors.storeUnavailable(status)];
    return Object.assign(ReviewCheckoutPayload.ok({ ...touched, reviewedTotalAmount: reviewed.priced?.total.amount ?? null }), {
      userErrors: [...problems, ...storeClosed],
      readyToComplete: blocking.length === 0 && storeClosed.length === 0,
    });
  });
}
