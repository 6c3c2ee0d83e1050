import type { EntityManager } from 'typeorm';
import {
  availableShippingRates,
  type AvailableShippingRate,
  Money,
  priceCart,
  type PricingAddress,
  type PricingLine,
  type PricingResult,
  type ShippingMethodRates,
  ProductReference,
  type SubgraphContext,
  type TaxRule,
  VariantReference,
} from '@ultramarket/kit';
import { CartTaxLine } from './cart-tax-line.type';
import { CartShippingRate } from './cart-shipping-rate.type';
import { readShippingMethods } from '../shipping-view/read-shipping-methods';
import { readStoreTaxRules } from '../tax-rule/store-tax-rules';
import type { CartAddress } from '../cart-address/cart-address.type';
import { CartAppliedDiscount, CartDiscountAllocation, CartDiscountCode } from '../cart-discount/cart-discount.types';
import { readCartPromotions, type CartPromotions } from '../cart-discount/cart-promotions';
import type { Cart } from './cart.entity';
import { CartLine } from '../cart-line/cart-line.type';
import { readLineFacts, type CartLineFacts } from './cart-line-facts';
import { readPricingSettings } from '../store-view/read-pricing-settings';
import { readTaxExemptCarts } from '../customer-view/read-tax-exemptions';
import { DEFAULT_PRICES_INCLUDE_TAX, DEFAULT_ROUNDING, type StorePricingSettings } from '../store-view/store-pricing-settings';

/** ISO 4217's "no currency": the totals of an empty cart whose store's currency is not known yet. */
export const NO_CURRENCY = 'XXX';

/** A cart priced by the one pricing engine from current catalog prices. */
export interface PricedCart {
  currencyCode: string;
  lines: CartLine[];
  subtotal: Money;
  discountTotal: Money;
  shippingTotal: Money;
  taxTotal: Money;
  total: Money;
  itemCount: number;
  /** Grams of the available lines; a variant of unknown weight counts 0. */
  totalWeightGrams: number;
  appliedDiscounts: CartAppliedDiscount[];
  discountCodes: CartDiscountCode[];
  taxLines: CartTaxLine[];
  /** The chosen rate priced now, or null when none is chosen or it is not offered now. */
  selectedShippingRate: CartShippingRate | null;
  /** A rate is chosen but not offered for the cart now (address, weight, subtotal or the method changed): left out of the totals. */
  selectedShippingRateUnavailable: boolean;
  /** The signed-in shopper is a tax-exempt customer of the store: no tax lines, taxTotal 0. */
  taxExempt: boolean;
  /** Whether the store's prices include tax (the engine's setting). */
  pricesIncludeTax: boolean;
  /** The available lines as the engine took them. */
  pricingLines: PricingLine[];
  /** The engine's own answer, every amount a minor-unit integer: what checkout records. */
  engine: PricingResult;
}

/**
 * Prices one cart: its available lines (on sale and in the cart's currency) go to `priceCart` with the
 * store's settings, its usable promotions and the codes it holds; the others are shown unavailable and
 * left out of the totals, taxed by the store's rules for the shipping address. The chosen shipping rate is
 * priced again by the kit's `availableShippingRates` over the store's methods (as shipping prices the rates it
 * offers); a rate no longer offered is left out of the totals and flagged. A tax-exempt shopper (`taxExempt`, from
 * `readTaxExemptCarts`) is charged no tax.
 */
export function pricedCartOf(
  cart: Cart,
  facts: CartLineFacts[],
  settings: StorePricingSettings | undefined,
  discounts: CartPromotions,
  taxRules: TaxRule[],
  shippingMethods: readonly ShippingMethodRates[],
  now: Date,
  taxExempt: boolean,
): PricedCart {
  const currencyCode = cart.currencyCode ?? settings?.currencyCode ?? NO_CURRENCY;
  const isAvailable = (line: CartLineFacts) => line.onSale && line.priceAmount !== null && line.currencyCode === currencyCode;
  const pricingLines: PricingLine[] = facts.filter(isAvailable).map((line) => ({
    lineId: line.id,
    variantId: line.variantId,
    productId: line.productId!,
    quantity: line.quantity,
    unitPrice: line.priceAmount!,
    unitWeightGrams: line.weightGrams,
    taxClass: line.taxClass,
    collectionIds: line.collectionIds,
    tags: line.tags,
    productType: line.productType,
    vendor: line.vendor,
  }));
  const pricesIncludeTax = settings?.pricesIncludeTax ?? DEFAULT_PRICES_INCLUDE_TAX;
  const chosenRate = cart.shippingRateId === null ? null : offeredShippingRate(shippingMethods, cart, pricingLines, currencyCode, cart.shippingRateId);
  const result = priceCart({
    settings: { currencyCode, rounding: settings?.rounding ?? DEFAULT_ROUNDING, pricesIncludeTax },
    lines: pricingLines,
    customer: { customerId: cart.userId, taxExempt },
    shippingAddress: pricingAddressOf(cart.shippingAddress),
    shippingRate: chosenRate && { rateId: chosenRate.rateId, title: chosenRate.title, amount: chosenRate.amount, taxClass: chosenRate.taxClass },
    promotions: discounts.promotions,
    codes: discounts.codes,
    taxRules,
    now,
  });
  const pricedById = new Map(result.lines.map((line) => [line.lineId, line]));
  const money = (amount: number) => Money.of(amount, currencyCode);
  const titles = new Map(discounts.promotions.map((promotion) => [promotion.promotionId, promotion.title]));
  const lines = facts.map((line) => {
    const priced = pricedById.get(line.id);
    return Object.assign(new CartLine(), {
      id: line.id,
      variantId: line.variantId,
      variant: VariantReference.of(line.variantId),
      product: line.productId ? ProductReference.of(line.productId) : null,
      title: line.productTitle ?? '',
      variantTitle: line.variantTitle ?? '',
      options: line.selectedOptions,
      sku: line.sku,
      quantity: line.quantity,
      available: priced !== undefined,
      unitPrice: line.priceAmount !== null && line.currencyCode ? Money.of(line.priceAmount, line.currencyCode) : null,
      lineTotal: priced ? money(priced.total) : null,
      discountAllocations: (priced?.discounts ?? []).map((allocation) =>
        Object.assign(new CartDiscountAllocation(), {
          promotionId: allocation.promotionId,
          title: titles.get(allocation.promotionId) ?? '',
          code: allocation.code,
          amount: money(allocation.amount),
        }),
      ),
    });
  });
  return {
    currencyCode,
    lines,
    subtotal: money(result.subtotal),
    discountTotal: money(result.discountTotal),
    shippingTotal: money(result.shippingTotal),
    taxTotal: money(result.taxTotal),
    total: money(result.total),
    itemCount: result.lines.reduce((sum, line) => sum + line.quantity, 0),
    totalWeightGrams: pricingLines.reduce((sum, line) => sum + (line.unitWeightGrams ?? 0) * line.quantity, 0),
    appliedDiscounts: result.appliedPromotions.map((applied) =>
      Object.assign(new CartAppliedDiscount(), { promotionId: applied.promotionId, title: applied.title, code: applied.code, amount: money(applied.amount) }),
    ),
    taxLines: result.taxLines.map((line) =>
      Object.assign(new CartTaxLine(), { title: line.title, rateBasisPoints: line.rateBasisPoints, amount: money(line.amount) }),
    ),
    selectedShippingRate:
      chosenRate && Object.assign(new CartShippingRate(), { rateId: chosenRate.rateId, title: chosenRate.title, amount: money(chosenRate.amount) }),
    selectedShippingRateUnavailable: cart.shippingRateId !== null && chosenRate === null,
    taxExempt,
    pricesIncludeTax,
    pricingLines,
    engine: result,
    discountCodes: discounts.codes.map((code) => {
      const applied = result.appliedPromotions.some((promotion) => promotion.code?.toUpperCase() === code);
      const rejection = result.rejectedPromotions.find((rejected) => rejected.code?.toUpperCase() === code);
      return Object.assign(new CartDiscountCode(), { code, applicable: applied, reason: applied ? null : (rejection?.reason ?? 'NO_TARGET_LINES') });
    }),
  };
}

/**
 * The rate `rateId` as `availableShippingRates` offers it now for the cart's shipping address, the weight and the
 * subtotal (before discounts) of its available lines, or null when it is not offered — the same facts shipping's
 * `Cart.availableShippingRates` requires, so the rate shown and the rate charged agree.
 */
export function offeredShippingRate(
  methods: readonly ShippingMethodRates[],
  cart: Pick<Cart, 'shippingAddress'>,
  lines: readonly PricingLine[],
  currencyCode: string,
  rateId: string,
): AvailableShippingRate | null {
  return offeredShippingRates(methods, cart, lines, currencyCode).find((rate) => rate.rateId === rateId) ?? null;
}

/** Every rate `availableShippingRates` offers now for the cart's shipping address and the weight and subtotal of its available lines. */
export function offeredShippingRates(
  methods: readonly ShippingMethodRates[],
  cart: Pick<Cart, 'shippingAddress'>,
  lines: readonly PricingLine[],
  currencyCode: string,
): AvailableShippingRate[] {
  return availableShippingRates(methods, {
    address: pricingAddressOf(cart.shippingAddress),
    totalWeightGrams: lines.reduce((sum, line) => sum + (line.unitWeightGrams ?? 0) * line.quantity, 0),
    subtotal: lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0),
    currencyCode,
  });
}

/** The tax and shipping region of an address. */
function pricingAddressOf(address: CartAddress | null): PricingAddress | null {
  return address && { countryCode: address.countryCode, provinceCode: address.provinceCode, postalCode: address.postalCode };
}

/** The carts' lines and their stores' settings in one read per batch of carts a request resolves. */
/** Every fact the engine needs to price a batch of carts, read in one statement each for the whole batch. */
export interface CartPricingFacts {
  linesOf: Map<string, CartLineFacts[]>;
  settings: Map<string, StorePricingSettings>;
  taxRules: Map<string, TaxRule[]>;
  discounts: Map<string, CartPromotions>;
  shippingMethods: Map<string, ShippingMethodRates[]>;
  /** The carts whose signed-in shopper is a tax-exempt customer of the store. */
  taxExempt: Set<string>;
}

/**
 * Reads the carts' pricing facts (lines, the stores' settings, tax rules, promotions, shipping methods, tax exemptions),
 * one statement each, one after another on `manager`'s connection (a transaction's, or the read pool's).
 */
export async function readCartPricingFacts(manager: EntityManager, carts: readonly Cart[]): Promise<CartPricingFacts> {
  const lines = await readLineFacts(
    manager,
    carts.map((each) => each.id),
  );
  const storeIds = [...new Set(carts.map((each) => each.storeId))];
  const settings = await readPricingSettings(manager, storeIds);
  const taxRules = await readStoreTaxRules(manager, storeIds);
  const discounts = await readCartPromotions(manager, [...carts]);
  const shippingMethods = await readShippingMethods(manager, storeIds);
  const taxExempt = await readTaxExemptCarts(manager, carts);
  const linesOf = new Map<string, CartLineFacts[]>();
  for (const line of lines) linesOf.set(line.cartId, [...(linesOf.get(line.cartId) ?? []), line]);
  return { linesOf, settings, taxRules, discounts, shippingMethods, taxExempt };
}

/** One cart priced from facts read for it (`readCartPricingFacts`): the one pricing path of every total shown or charged. */
export function priceWithFacts(facts: CartPricingFacts, cart: Cart, now: Date): PricedCart {
  return pricedCartOf(
    cart,
    facts.linesOf.get(cart.id) ?? [],
    facts.settings.get(cart.storeId),
    facts.discounts.get(cart.id)!,
    facts.taxRules.get(cart.storeId) ?? [],
    facts.shippingMethods.get(cart.storeId) ?? [],
    now,
    facts.taxExempt.has(cart.id),
  );
}

/** Prices carts: their facts read once for the batch, then each priced by the engine. */
export async function priceCarts(manager: EntityManager, carts: readonly Cart[], now: Date = new Date()): Promise<PricedCart[]> {
  const facts = await readCartPricingFacts(manager, carts);
  return carts.map((each) => priceWithFacts(facts, each, now));
}

/** The carts a request resolves, priced in one batch (`priceCarts`) on the read pool. */
export function loadPricedCart(context: SubgraphContext, cart: Cart): Promise<PricedCart> {
  return context.loaders.get<Cart, PricedCart>('pricedCart', (carts) => context.storeDb.read((manager) => priceCarts(manager, carts))).load(cart);
}
