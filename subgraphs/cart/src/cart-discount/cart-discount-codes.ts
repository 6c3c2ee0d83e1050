import { traceOf, type SubgraphContext } from '@ultramarket/kit';
import type { CartConfig } from '../cart-config';
import { ApplyCartDiscountCodePayload, RemoveCartDiscountCodePayload } from '../cart/cart.payloads';
import { CartErrors } from '../cart/cart-errors';
import { lockOwnedCart, storeRefusal, touchCart } from '../cart/cart-writes';
import { Promotion } from '../promotion/promotion.entity';
import { hasUsesLeft } from '../promotion/promotion-rules';
import { PromotionErrors } from '../promotion/promotion-errors';
import type { ApplyCartDiscountCodeInput, RemoveCartDiscountCodeInput } from './cart-discount.inputs';

/** Most discount codes one cart holds. */
export const MAX_CODES_PER_CART = 5;

/**
 * Puts a discount code on the caller's cart: it must be an active code of the store, within its dates and
 * with uses left (for the cart's customer too). Whether it then takes anything off (minimums, targets,
 * combinations) is the pricing engine's answer on every read; the code stays on the cart until removed.
 */
export async function applyCartDiscountCode(
  context: SubgraphContext,
  config: CartConfig,
  input: ApplyCartDiscountCodeInput,
): Promise<ApplyCartDiscountCodePayload> {
  const refusal = await storeRefusal(context);
  if (refusal) return ApplyCartDiscountCodePayload.failed(refusal);
  const code = input.code.toUpperCase();
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const cart = await lockOwnedCart(context, tx, input.cartId, input.cartToken);
    if (!cart) return ApplyCartDiscountCodePayload.failed(CartErrors.cartNotFound());
    const promotion = await tx.manager.getRepository(Promotion).findOneBy({ storeId: cart.storeId, code });
    if (!promotion || !promotion.active) return ApplyCartDiscountCodePayload.failed(PromotionErrors.codeNotFound(code));
    const now = Date.now();
    if ((promotion.startsAt && promotion.startsAt.getTime() > now) || (promotion.endsAt && promotion.endsAt.getTime() <= now)) {
      return ApplyCartDiscountCodePayload.failed(PromotionErrors.codeExpired(code));
    }
    const [usage]: { times_used: number }[] = cart.userId
      ? await tx.manager.query(`SELECT times_used FROM promotion_customer_usage WHERE promotion_id = $1 AND customer_id = $2 AND store_id = $3`, [
          promotion.id,
          cart.userId,
          cart.storeId,
        ])
      : [];
    if (!hasUsesLeft(promotion, usage?.times_used ?? 0)) return ApplyCartDiscountCodePayload.failed(PromotionErrors.codeUsedUp(code));
    const held: { code: string }[] = await tx.manager.query(`SELECT code FROM cart_discount_code WHERE cart_id = $1 AND store_id = $2`, [
      cart.id,
      cart.storeId,
    ]);
    if (held.some((row) => row.code === code)) return ApplyCartDiscountCodePayload.ok(cart);
    if (held.length >= MAX_CODES_PER_CART) return ApplyCartDiscountCodePayload.failed(PromotionErrors.tooManyCodes(MAX_CODES_PER_CART));
    await tx.manager.query(`INSERT INTO cart_discount_code (cart_id, store_id, code) VALUES ($1, $2, $3)`, [cart.id, cart.storeId, code]);
    return ApplyCartDiscountCodePayload.ok(await touchCart(tx.manager, cart, config));
  });
}

/** Takes a discount code off the caller's cart. */
export async function removeCartDiscountCode(
  context: SubgraphContext,
  config: CartConfig,
  input: RemoveCartDiscountCodeInput,
): Promise<RemoveCartDiscountCodePayload> {
  const refusal = await storeRefusal(context);
  if (refusal) return RemoveCartDiscountCodePayload.failed(refusal);
  const code = input.code.toUpperCase();
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const cart = await lockOwnedCart(context, tx, input.cartId, input.cartToken);
    if (!cart) return RemoveCartDiscountCodePayload.failed(CartErrors.cartNotFound());
    const [, removed] = await tx.manager.query(`DELETE FROM cart_discount_code WHERE cart_id = $1 AND store_id = $2 AND code = $3`, [
      cart.id,
      cart.storeId,
      code,
    ]);
    if (!removed) return RemoveCartDiscountCodePayload.failed(PromotionErrors.codeNotApplied(code));
    return RemoveCartDiscountCodePayload.ok(await touchCart(tx.manager, cart, config));
  });
}
