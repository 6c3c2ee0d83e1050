import { traceOf, type SubgraphContext } from '@ultramarket/kit';
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
    await touchCart(tx.manager, guest, config, { status: CartStatus.MERGED });
    const merged = await touchCart(tx.manager, mine, config, {
      currencyCode: mine.currencyCode ?? guest.currencyCode,
      email: mine.email ?? guest.email,
      shippingAddress: mine.shippingAddress ?? guest.shippingAddress,
      billingAddress: mine.billingAddress ?? guest.billingAddress,
    });
    return MergeCartPayload.ok(merged);
  });
}
