import { traceOf, type SubgraphContext } from '@ultramarket/kit';
import type { CartConfig } from '../cart-config';
import { CartErrors } from '../cart/cart-errors';
import { lockOwnedCart, storeRefusal, touchCart } from '../cart/cart-writes';
import type { SetCartNoteInput } from './checkout.inputs';
import { SetCartNotePayload } from './checkout.payloads';

/** Sets (or clears, with null or blank) the shopper's note for the order; it travels with the order at completion. */
export async function setCartNote(context: SubgraphContext, config: CartConfig, input: SetCartNoteInput): Promise<SetCartNotePayload> {
  const refusal = await storeRefusal(context);
  if (refusal) return SetCartNotePayload.failed(refusal);
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const cart = await lockOwnedCart(context, tx, input.cartId, input.cartToken);
    if (!cart) return SetCartNotePayload.failed(CartErrors.cartNotFound());
    return SetCartNotePayload.ok(await touchCart(tx.manager, cart, config, { note: input.note?.trim() || null }));
  });
}
