import { traceOf, type SubgraphContext } from '@ultramarket/kit';
import type { EntityManager } from 'typeorm';
import type { Cart } from './cart.entity';
import { MAX_CODES_PER_CART } from '../cart-discount/cart-discount-codes';
import type { CartConfig } from '../cart-config';
import type { MergeCartInput } from './cart.inputs';
import { MergeCartPayload } from './cart.payloads';
import { CartStatus } from './cart-status';
import { CartErrors } from './cart-errors';
import { lockCustomerCart } from './customer-cart';
import { planMerge } from './line-plan';
import { lockOwnedCart, readQuantities, storeRefusal, touchCart, writeQuantities } from './cart-writes';

/**
 * The signed-in customer presents a guest cart's token. Without an open cart of their own in the store
 * they adopt the guest cart (it becomes theirs: token forgotten, the customer's lifetime). Otherwise the
 * guest's lines join their cart (quantities of one variant add up, capped at the line maximum; the email is
 * kept, or taken from the guest cart) and the guest cart is closed (MERGED, its lines gone, swept soon).
 * Refused, writing nothing, when the carts are in different currencies or the result holds too many lines.
 */
/** The guest cart's codes join the customer's (up to the cart's maximum, oldest first); the guest cart keeps none. */
async function mergeDiscountCodes(manager: EntityManager, guest: Cart, mine: Cart): Promise<void> {
  await manager.query(
    `INSERT INTO cart_discount_code (cart_id, store_id, code)
     SELECT $2, $3, guest.code FROM cart_discount_code guest
      WHERE guest.cart_id = $1 AND guest.store_id = $3
        AND NOT EXISTS (SELECT 1 FROM cart_discount_code mine WHERE mine.cart_id = $2 AND mine.code = guest.code)
      ORDER BY guest.created_at, guest.code
      LIMIT GREATEST(0, $4 - (SELECT count(*) FROM cart_discount_code mine WHERE mine.cart_id = $2 AND mine.store_id = $3))`,
    [guest.id, mine.id, mine.storeId, MAX_CODES_PER_CART],
  );
  await manager.query(`DELETE FROM cart_discount_code WHERE cart_id = $1 AND store_id = $2`, [guest.id, guest.storeId]);
}

export async function mergeCart(context: SubgraphContext, config: CartConfig, input: MergeCartInput): Promise<MergeCartPayload> {
  const refusal = await storeRefusal(context);
  if (refusal) return MergeCartPayload.failed(refusal);
  const storeId = context.caller.storeId!;
  const userId = context.caller.userId!;
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    // the customer's cart first (the lock order of createCart), then the guest's
    const mine = await lockCustomerCart(tx.manager, storeId, userId);
    const guest = await lockOwnedCart(context, tx, input.cartId, input.cartToken);
    if (!guest || guest.userId !== null) return MergeCartPayload.failed(CartErrors.cartNotFound());
    if (!mine) return MergeCartPayload.ok(await touchCart(tx.manager, guest, config, { userId, tokenHash: null }));

    if (guest.currencyCode !== null && mine.currencyCode !== null && guest.currencyCode !== mine.currencyCode) {
      return MergeCartPayload.failed(CartErrors.currencyMismatch(mine.currencyCode, ['input', 'cartId']));
    }
    const current = await readQuantities(tx.manager, mine);
    const plan = planMerge(current, await readQuantities(tx.manager, guest), config);
    if ('errors' in plan) return MergeCartPayload.failed(...plan.errors);
    await writeQuantities(tx.manager, mine, current, plan.quantities);
    await tx.manager.query(`DELETE FROM cart_line WHERE cart_id = $1 AND store_id = $2`, [guest.id, storeId]);
    await mergeDiscountCodes(tx.manager, guest, mine);
    await touchCart(tx.manager, guest, config, { status: CartStatus.MERGED });
    const merged = await touchCart(tx.manager, mine, config, {
      currencyCode: mine.currencyCode ?? guest.currencyCode,
      email: mine.email ?? guest.email,
      phone: mine.phone ?? guest.phone,
      note: mine.note ?? guest.note,
      shippingAddress: mine.shippingAddress ?? guest.shippingAddress,
      billingAddress: mine.billingAddress ?? guest.billingAddress,
      shippingRateId: mine.shippingRateId ?? guest.shippingRateId,
    });
    return MergeCartPayload.ok(merged);
  });
}
