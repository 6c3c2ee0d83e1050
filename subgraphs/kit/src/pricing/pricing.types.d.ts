/**
 * The one pricing engine's input and output. Every amount is an integer in minor units of the
 * store's currency; quantities are positive integers. The engine is pure: it reads nothing and
 * writes nothing, so a cart, its checkout review and the order it becomes price the same input to
 * the same minor unit.
 */
/** Where rounding to a minor unit happens: on each line's discount and tax, or once on the order's totals. */
export type RoundingScope = 'PER_LINE' | 'PER_ORDER';
/** How a store prices: its currency, where it rounds (always half-even), and whether its prices include tax. */
export interface PricingSettings {
    currencyCode: string;
    rounding: RoundingScope;
    pricesIncludeTax: boolean;
}
/** A line to price: what it is (for promotion targets and tax classes), its current unit price and quantity. */
export interface PricingLine {
    /** Stable id of the line within its cart or order. */
    lineId: string;
    variantId: string;
    productId: string;
    quantity: number;
    /** The variant's current price, in minor units (tax included when the store's prices include tax). */
    unitPrice: number;
    /** Grams per unit, or null when unknown (weighs nothing for weight-based rates). */
    unitWeightGrams: number | null;
    /** The product's tax class, or null for the store's standard rate. */
    taxClass: string | null;
    collectionIds: string[];
    tags: string[];
    productType: string | null;
    vendor: string | null;
}
/** An address as far as pricing cares: region for tax and shipping. */
export interface PricingAddress {
    /** ISO 3166-1 alpha-2, upper case. */
    countryCode: string;
    /** ISO 3166-2 subdivision code without the country prefix (e.g. "CA" for California), or null. */
    provinceCode: string | null;
    postalCode: string | null;
}
/** Who buys: promotions may be limited per customer; a tax-exempt customer pays no tax. */
export interface PricingCustomer {
    customerId: string | null;
    taxExempt: boolean;
}
/** The shipping rate chosen at checkout, as priced by its method (before promotions). */
export interface PricingShippingRate {
    rateId: string;
    title: string;
    amount: number;
    /** The tax class of shipping, or null for the standard rate. */
    taxClass: string | null;
}
/** What the engine answers for one line. */
export interface PricedLine {
    lineId: string;
    quantity: number;
    unitPrice: number;
    /** unitPrice × quantity. */
    subtotal: number;
    /** Sum of the line's discount allocations (never above `subtotal`). */
    discountTotal: number;
    /** The line's share of tax (included in `subtotal` when prices include tax). */
    taxTotal: number;
    /** What the line costs: subtotal − discount (+ tax when prices exclude tax). Never negative. */
    total: number;
    discounts: DiscountAllocation[];
    taxLines: TaxLine[];
}
/** A promotion's part of a line's or of shipping's discount. */
export interface DiscountAllocation {
    promotionId: string;
    /** The code that applied it, or null for an automatic promotion. */
    code: string | null;
    amount: number;
}
/** One tax charged: its rule, rate and amount. */
export interface TaxLine {
    ruleId: string;
    title: string;
    /** Basis points: 2000 is 20 %. */
    rateBasisPoints: number;
    amount: number;
}
/** The priced cart or order. `total` = subtotal − discountTotal + shippingTotal (+ taxTotal when prices exclude tax). */
export interface PricedTotals {
    currencyCode: string;
    lines: PricedLine[];
    subtotal: number;
    discountTotal: number;
    /** Shipping after its discounts. */
    shippingTotal: number;
    shippingDiscounts: DiscountAllocation[];
    taxTotal: number;
    total: number;
    /** Every tax charged on the order (lines and shipping), one per rule, each rounded as `settings.rounding` says. */
    taxLines: TaxLine[];
    /** Tax on shipping (its share of `taxTotal`; always set by the engine). */
    shippingTaxTotal?: number;
    /** The taxes on shipping, by its own tax class (always set by the engine). */
    shippingTaxLines?: TaxLine[];
}
/** What a promotion takes off. */
export type PromotionValue = 
/** A share of the target's amount; 10000 basis points is everything. */
{
    kind: 'PERCENTAGE';
    basisPoints: number;
}
/** A fixed amount off the target's total, spread over its lines in proportion to their amounts. */
 | {
    kind: 'FIXED_AMOUNT';
    amount: number;
}
/** Shipping costs nothing (or `basisPoints` of it off, 10000 by default). */
 | {
    kind: 'FREE_SHIPPING';
    basisPoints?: number;
}
/** For every `buyQuantity` target units bought, `getQuantity` further target units (the cheapest) get `basisPoints` off. */
 | {
    kind: 'BUY_X_GET_Y';
    buyQuantity: number;
    getQuantity: number;
    basisPoints: number;
};
/** Which lines a promotion looks at: every line (ORDER), or lines matching any listed product, variant or collection. */
export type PromotionTarget = {
    kind: 'ORDER';
} | {
    kind: 'LINES';
    productIds: string[];
    variantIds: string[];
    collectionIds: string[];
};
/**
 * A discount code (`code` set) or an automatic promotion (`code` null), as the caller loaded it.
 * Usage limits are the caller's: it passes only promotions that still have uses left for this customer.
 */
export interface Promotion {
    promotionId: string;
    title: string;
    code: string | null;
    value: PromotionValue;
    target: PromotionTarget;
    /** Subtotal of the target lines (before discounts) needed, or null. */
    minimumSubtotal: number | null;
    /** Units of the target lines needed, or null. */
    minimumQuantity: number | null;
    startsAt: Date | null;
    endsAt: Date | null;
    /** Lower applies first; ties by promotionId. */
    priority: number;
    /** Whether it may apply together with other promotions (otherwise only the best single one applies). */
    combinable: boolean;
}
/** Why a promotion in the input did not apply. */
export type PromotionRejection = 'NOT_STARTED' | 'EXPIRED' | 'MINIMUM_NOT_MET' | 'NO_TARGET_LINES' | 'NOT_COMBINABLE' | 'UNKNOWN_CODE';
export interface RejectedPromotion {
    promotionId: string | null;
    code: string | null;
    reason: PromotionRejection;
}
export interface AppliedPromotion {
    promotionId: string;
    title: string;
    code: string | null;
    amount: number;
}
/** A tax rate for a region and tax class. */
export interface TaxRule {
    ruleId: string;
    title: string;
    countryCode: string;
    /** Null for the whole country. */
    provinceCode: string | null;
    /** Null for the whole province or country. */
    postalCodePrefix: string | null;
    /** Null for the store's standard class. */
    taxClass: string | null;
    rateBasisPoints: number;
}
/** Everything the engine prices from. */
export interface PricingInput {
    settings: PricingSettings;
    lines: PricingLine[];
    customer: PricingCustomer;
    /** Where it ships (the tax region); null before the shopper gives an address. */
    shippingAddress: PricingAddress | null;
    shippingRate: PricingShippingRate | null;
    /** Automatic promotions and the promotions of the codes the shopper entered. */
    promotions: Promotion[];
    /** The codes the shopper entered (upper case), so that an unknown one is reported. */
    codes: string[];
    taxRules: TaxRule[];
    now: Date;
}
/** The engine's answer. */
export interface PricingResult extends PricedTotals {
    appliedPromotions: AppliedPromotion[];
    rejectedPromotions: RejectedPromotion[];
}
