import type { EntityManager } from 'typeorm';
import { traceOf, type SubgraphContext } from '@ultramarket/kit';
import type { CartConfig } from '../cart-config';
import type { Cart } from './cart.entity';
import type { SelectCartShippingRateInput } from './cart.inputs';
import { SelectCartShippingRatePayload } from './cart.payloads';
import { CartErrors } from './cart-errors';
import { lockOwnedCart, storeRefusal, touchCart } from './cart-writes';
import { priceWithFacts, readCartPricingFacts } from './priced-cart';

/** Whether the cart, priced now with `rateId` chosen, would charge that rate: the one pricing path decides. */
async function offersRate(manager: EntityManager, cart: Cart, rateId: string): Promise<boolean> {
  const facts = await readCartPricingFacts(manager, [cart]);
  return priceWithFacts(facts, { ...cart, shippingRateId: rateId }, new Date()).selectedShippingRate !== null;
}

/** Chooses the cart's shipping rate: only a rate `availableShippingRates` offers the cart now; it is priced again on every read. */
export async function selectCartShippingRate(
  context: SubgraphContext,
  config: CartConfig,
  input: SelectCartShippingRateInput,
): Promise<SelectCartShippingRatePayload> {
  const refusal = await storeRefusal(context);
  if (refusal) return SelectCartShippingRatePayload.failed(refusal);
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const cart = await lockOwnedCart(context, tx, input.cartId, input.cartToken);
    if (!cart) return SelectCartShippingRatePayload.failed(CartErrors.cartNotFound());
    if (!(await offersRate(tx.manager, cart, input.rateId))) return SelectCartShippingRatePayload.failed(CartErrors.shippingRateNotOffered(input.rateId));
    return SelectCartShippingRatePayload.ok(await touchCart(tx.manager, cart, config, { shippingRateId: input.rateId }));
  });
}
