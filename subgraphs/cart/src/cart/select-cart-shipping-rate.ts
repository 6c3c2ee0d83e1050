import type { EntityManager } from 'typeorm';
import { traceOf, type SubgraphContext } from '@ultramarket/kit';
import type { CartConfig } from '../cart-config';
import { readCartPromotions } from '../cart-discount/cart-promotions';
import { readPricingSettings } from '../store-view/read-pricing-settings';
import { readShippingMethods } from '../shipping-view/read-shipping-methods';
import { readStoreTaxRules } from '../tax-rule/store-tax-rules';
import type { Cart } from './cart.entity';
import type { SelectCartShippingRateInput } from './cart.inputs';
import { SelectCartShippingRatePayload } from './cart.payloads';
import { readLineFacts } from './cart-line-facts';
import { CartErrors } from './cart-errors';
import { lockOwnedCart, storeRefusal, touchCart } from './cart-writes';
import { pricedCartOf } from './priced-cart';
import { readTaxExemptCarts } from '../customer-view/read-tax-exemptions';

/** Whether the cart, priced now with `rateId` chosen, would charge that rate: the one pricing path decides. */
async function offersRate(manager: EntityManager, cart: Cart, rateId: string): Promise<boolean> {
  // one after another: the reads share the transaction's connection
  const facts = await readLineFacts(manager, [cart.id]);
  const settings = await readPricingSettings(manager, [cart.storeId]);
  const taxRules = await readStoreTaxRules(manager, [cart.storeId]);
  const discounts = await readCartPromotions(manager, [cart]);
  const methods = await readShippingMethods(manager, [cart.storeId]);
  const taxExempt = await readTaxExemptCarts(manager, [cart]);
  const priced = pricedCartOf(
    { ...cart, shippingRateId: rateId },
    facts,
    settings.get(cart.storeId),
    discounts.get(cart.id)!,
    taxRules.get(cart.storeId) ?? [],
    methods.get(cart.storeId) ?? [],
    new Date(),
    taxExempt.has(cart.id),
  );
  return priced.selectedShippingRate !== null;
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
