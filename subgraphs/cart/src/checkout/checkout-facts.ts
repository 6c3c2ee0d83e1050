import type { EntityManager } from 'typeorm';
import { readCheckoutSettings, type AvailableShippingRate, type CheckoutSettings } from '@ultramarket/kit';
import type { Cart } from '../cart/cart.entity';
import type { CartLineFacts } from '../cart/cart-line-facts';
import { offeredShippingRates, priceWithFacts, readCartPricingFacts, type PricedCart } from '../cart/priced-cart';
import { hasUsesLeft } from '../promotion/promotion-rules';
import { readAvailableStock } from '../stock-view/variant-stock.handlers';

/** A discount code on the cart and where its promotion stands now. */
export interface CodeState {
  code: string;
  /** Why it can never apply again (deleted, deactivated, ended); null while it may. */
  expiredBecause: string | null;
  /** It would apply but has no uses left (in total, or for this customer). */
  usedUp: boolean;
}

/** Everything a checkout decides from, read in one transaction: the cart priced now and what it is checked against. */
export interface CheckoutFacts {
  cart: Cart;
  /** Who the order is for: the signed-in shopper (a guest cart may be completed signed in), null for a guest. */
  customerId: string | null;
  lines: CartLineFacts[];
  /** Null when the engine refuses the amounts (beyond a safe integer): ORDER_TOTAL_TOO_LARGE. */
  priced: PricedCart | null;
  settings: CheckoutSettings;
  /** Available units of the cart's tracked variants, as inventory last said. */
  stock: Map<string, number>;
  codes: CodeState[];
  /** The rates the store offers the cart now (none: it ships for free, or the store has no method for the address). */
  offeredRates: AvailableShippingRate[];
}

interface CodeRow {
  code: string;
  promotion_id: string | null;
  active: boolean | null;
  ends_at: Date | null;
  usage_limit: number | null;
  usage_limit_per_customer: number | null;
  times_used: number | null;
  customer_uses: number | null;
}

/**
 * Reads and prices the cart as checkout sees it, one statement after another on the transaction's connection:
 * the pricing engine's answer for `customerId` (per-customer limits are theirs), the store's checkout settings,
 * the lines' stock and the state of each code it holds.
 */
export async function readCheckoutFacts(manager: EntityManager, cart: Cart, customerId: string | null, now = new Date()): Promise<CheckoutFacts> {
  const asCustomer = { ...cart, userId: customerId };
  // the customer's promotions, per-customer limits and tax exemption: priced as the shopper completing it
  const pricingFacts = await readCartPricingFacts(manager, [asCustomer]);
  const lines = pricingFacts.linesOf.get(cart.id) ?? [];
  const methods = pricingFacts.shippingMethods.get(cart.storeId) ?? [];
  const settings = await readCheckoutSettings(manager, cart.storeId);
  const stock = await readAvailableStock(
    manager,
    cart.storeId,
    lines.map((line) => line.variantId),
  );
  const codeRows: CodeRow[] = await manager.query(
    `SELECT held.code, promotion.id AS promotion_id, promotion.active, promotion.ends_at, promotion.usage_limit, promotion.usage_limit_per_customer,
            promotion.times_used, usage.times_used AS customer_uses
       FROM cart_discount_code held
       LEFT JOIN promotion ON promotion.store_id = held.store_id AND promotion.code = held.code
       LEFT JOIN promotion_customer_usage usage ON usage.promotion_id = promotion.id AND usage.customer_id = $3
      WHERE held.cart_id = $1 AND held.store_id = $2
      ORDER BY held.created_at, held.code`,
    [cart.id, cart.storeId, customerId],
  );
  let priced: PricedCart | null = null;
  try {
    priced = priceWithFacts(pricingFacts, asCustomer, now);
  } catch (error) {
    // amounts beyond a safe integer: the engine's RangeError is the shopper's ORDER_TOTAL_TOO_LARGE
    if (!(error instanceof RangeError)) throw error;
  }
  return {
    cart,
    customerId,
    lines,
    priced,
    settings,
    stock,
    codes: codeRows.map((row) => codeStateOf(row, customerId, now)),
    offeredRates: priced ? offeredShippingRates(methods, cart, priced.pricingLines, priced.currencyCode) : [],
  };
}

function codeStateOf(row: CodeRow, customerId: string | null, now: Date): CodeState {
  const expiredBecause =
    row.promotion_id === null
      ? 'no longer exists'
      : !row.active
        ? 'was deactivated'
        : row.ends_at !== null && new Date(row.ends_at).getTime() <= now.getTime()
          ? `ended at ${new Date(row.ends_at).toISOString()}`
          : null;
  const usedUp =
    expiredBecause === null &&
    !hasUsesLeft(
      { usageLimit: row.usage_limit, usageLimitPerCustomer: customerId ? row.usage_limit_per_customer : null, timesUsed: row.times_used ?? 0 },
      row.customer_uses ?? 0,
    );
  return { code: row.code, expiredBecause, usedUp };
}
