import { traceOf, type SubgraphContext } from '@ultramarket/kit';
import type { CartConfig } from '../cart-config';
import type { SetCartEmailInput } from './cart.inputs';
import { SetCartEmailPayload } from './cart.payloads';
import { CartErrors } from './cart-errors';
import { lockOwnedCart, storeRefusal, touchCart } from './cart-writes';

/** Sets (or clears, with null) the email of the caller's cart (the order's, and where the abandoned-cart email goes), and its phone when given. */
export async function setCartEmail(context: SubgraphContext, config: CartConfig, input: SetCartEmailInput): Promise<SetCartEmailPayload> {
  const refusal = await storeRefusal(context);
  if (refusal) return SetCartEmailPayload.failed(refusal);
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const cart = await lockOwnedCart(context, tx, input.cartId, input.cartToken);
    if (!cart) return SetCartEmailPayload.failed(CartErrors.cartNotFound());
    const phone = input.phone === undefined ? cart.phone : input.phone?.trim() || null;
    return SetCartEmailPayload.ok(await touchCart(tx.manager, cart, config, { email: input.email?.trim() || null, phone }));
  });
}
