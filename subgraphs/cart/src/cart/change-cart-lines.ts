import { traceOf, type SubgraphContext, type UserError } from '@ultramarket/kit';
import type { CartConfig } from '../cart-config';
import type { AddCartLinesInput, RemoveCartLinesInput, UpdateCartLinesInput } from './cart.inputs';
import { AddCartLinesPayload, RemoveCartLinesPayload, UpdateCartLinesPayload, type CartPayload } from './cart.payloads';
import { CartErrors } from './cart-errors';
import { planAdd, planRemove, planUpdate, type LinePlan, type Quantities } from './line-plan';
import { lockOwnedCart, readQuantities, storeRefusal, touchCart, writeQuantities } from './cart-writes';
import { readVariantOffers, type VariantOffer } from './variant-offers';

type Planner = (current: Quantities, offers: Map<string, VariantOffer>, cartCurrency: string | null) => LinePlan;

/**
 * The one path every line change takes: the owner's cart locked, the change planned against its lines and
 * the catalog view, and only a plan without refusals written (lines, then the cart's version and lifetime).
 */
async function changeLines<P extends CartPayload>(
  context: SubgraphContext,
  config: CartConfig,
  Payload: new () => P,
  target: { cartId: string; cartToken?: string | null },
  variantIds: string[],
  plan: Planner,
): Promise<P> {
  const failed = (...userErrors: UserError[]) => Object.assign(new Payload(), { cart: null, userErrors });
  const refusal = await storeRefusal(context);
  if (refusal) return failed(refusal);
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const cart = await lockOwnedCart(context, tx, target.cartId, target.cartToken);
    if (!cart) return failed(CartErrors.cartNotFound());
    const current = await readQuantities(tx.manager, cart);
    const offers = await readVariantOffers(tx.manager, cart.storeId, variantIds);
    const planned = plan(current, offers, cart.currencyCode);
    if ('errors' in planned) return failed(...planned.errors);
    await writeQuantities(tx.manager, cart, current, planned.quantities);
    const changed = await touchCart(tx.manager, cart, config, { currencyCode: planned.currencyCode });
    return Object.assign(new Payload(), { cart: changed, userErrors: [] });
  });
}

/** Adds variants (a variant already in the cart has its quantity raised); refuses the whole change on any bad line. */
export function addCartLines(context: SubgraphContext, config: CartConfig, input: AddCartLinesInput): Promise<AddCartLinesPayload> {
  const variantIds = input.lines.map((line) => line.variantId);
  return changeLines(context, config, AddCartLinesPayload, input, variantIds, (current, offers, currency) =>
    planAdd(current, input.lines, offers, currency, config),
  );
}

/** Sets the quantities of lines already in the cart. */
export function updateCartLines(context: SubgraphContext, config: CartConfig, input: UpdateCartLinesInput): Promise<UpdateCartLinesPayload> {
  const variantIds = input.lines.map((line) => line.variantId);
  return changeLines(context, config, UpdateCartLinesPayload, input, variantIds, (current, offers, currency) =>
    planUpdate(current, input.lines, offers, currency, config),
  );
}

/** Removes lines by variant. */
export function removeCartLines(context: SubgraphContext, config: CartConfig, input: RemoveCartLinesInput): Promise<RemoveCartLinesPayload> {
  return changeLines(context, config, RemoveCartLinesPayload, input, [], (current, _offers, currency) =>
    planRemove(current, [...new Set(input.variantIds)], currency),
  );
}
