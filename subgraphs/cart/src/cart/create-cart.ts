import { traceOf, type SubgraphContext } from '@ultramarket/kit';
import type { CartConfig } from '../cart-config';
import { Cart } from './cart.entity';
import { CartStatus } from './cart-status';
import type { CreateCartInput } from './cart.inputs';
import { CreateCartPayload } from './cart.payloads';
import { hashCartToken, newCartToken } from './cart-token';
import { expiresAtFor } from './cart-lifetime';
import { lockCustomerCart } from './customer-cart';
import { planAdd } from './line-plan';
import { readQuantities, storeRefusal, touchCart, writeQuantities } from './cart-writes';
import { readVariantOffers } from './variant-offers';
import { readPricingSettings } from '../store-view/read-pricing-settings';
import { emitCartCreated } from './cart-created.events';

/**
 * Creates a cart in the request's store. A guest gets a new cart and its token (once). A signed-in
 * customer has at most one open cart per store: when they already have one, the lines are added to it and
 * it is returned. Every line is checked before anything is written: a refusal leaves nothing behind.
 */
export async function createCart(context: SubgraphContext, config: CartConfig, input: CreateCartInput): Promise<CreateCartPayload> {
  const refusal = await storeRefusal(context);
  if (refusal) return CreateCartPayload.failed(refusal);
  const storeId = context.caller.storeId!;
  const userId = context.caller.userId;
  const requested = input.lines ?? [];
  const email = input.email?.trim() || null;
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const existing = userId ? await lockCustomerCart(tx.manager, storeId, userId) : null;
    const current = existing ? await readQuantities(tx.manager, existing) : new Map<string, number>();
    const storeCurrency = (await readPricingSettings(tx.manager, [storeId])).get(storeId)?.currencyCode ?? null;
    const offers = await readVariantOffers(
      tx.manager,
      storeId,
      requested.map((line) => line.variantId),
    );
    const plan = planAdd(current, requested, offers, existing?.currencyCode ?? storeCurrency, config);
    if ('errors' in plan) return CreateCartPayload.failed(...plan.errors);

    if (existing) {
      await writeQuantities(tx.manager, existing, current, plan.quantities);
      const cart = await touchCart(tx.manager, existing, config, { currencyCode: plan.currencyCode, email: email ?? existing.email });
      return CreateCartPayload.ok(cart);
    }
    const token = userId ? null : newCartToken();
    const [{ id }]: { id: string }[] = await tx.manager.query(
      `INSERT INTO cart (store_id, status, user_id, token_hash, currency_code, email, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [storeId, CartStatus.OPEN, userId, token ? hashCartToken(token) : null, plan.currencyCode, email, expiresAtFor(userId, config)],
    );
    const cart = (await tx.manager.getRepository(Cart).findOneBy({ id, storeId }))!;
    await writeQuantities(tx.manager, cart, new Map(), plan.quantities);
    await emitCartCreated(tx, cart, false);
    return Object.assign(CreateCartPayload.ok(cart), { cartToken: token });
  });
}
