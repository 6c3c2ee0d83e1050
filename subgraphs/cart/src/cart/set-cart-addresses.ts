import { traceOf, type SubgraphContext } from '@ultramarket/kit';
import type { CartConfig } from '../cart-config';
import { cartAddressOf } from '../cart-address/cart-address.input';
import type { SetCartAddressesInput } from './cart.inputs';
import { SetCartAddressesPayload } from './cart.payloads';
import { CartErrors } from './cart-errors';
import { lockOwnedCart, storeRefusal, touchCart } from './cart-writes';

/** Sets the caller's cart's shipping address (its tax and shipping region) and billing address (the shipping one unless given). */
export async function setCartAddresses(context: SubgraphContext, config: CartConfig, input: SetCartAddressesInput): Promise<SetCartAddressesPayload> {
  const refusal = await storeRefusal(context);
  if (refusal) return SetCartAddressesPayload.failed(refusal);
  const shippingAddress = cartAddressOf(input.shippingAddress);
  const billingAddress = input.billingAddress ? cartAddressOf(input.billingAddress) : shippingAddress;
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const cart = await lockOwnedCart(context, tx, input.cartId, input.cartToken);
    if (!cart) return SetCartAddressesPayload.failed(CartErrors.cartNotFound());
    return SetCartAddressesPayload.ok(await touchCart(tx.manager, cart, config, { shippingAddress, billingAddress }));
  });
}
