import { type LineAmount } from './line-prices';
import type { PricingInput, PricingResult, RejectedPromotion } from './pricing.types';
import { type AppliedDiscount } from './promotions';
import type { TaxAnswer, TaxRequest } from './tax-provider';
/** The chain up to the tax stage: lines priced, promotions applied and settled into whole minor units. */
export interface PricedBeforeTax {
    input: PricingInput;
    lines: LineAmount[];
    applied: AppliedDiscount[];
    rejected: RejectedPromotion[];
    /** [line][applied promotion]: whole minor units, each line's row never above its subtotal. */
    lineDiscounts: bigint[][];
    shippingAmount: bigint;
    /** [applied promotion]: whole minor units, together never above the shipping amount. */
    shippingDiscounts: bigint[];
}
/** Line prices → promotions → shipping, rounded where `settings.rounding` says (see `rounding.ts`). */
export declare function priceBeforeTax(input: PricingInput): PricedBeforeTax;
/** What the tax stage is asked, or null when no tax is due: no address yet, or a tax-exempt customer. */
export declare function taxRequestOf(priced: PricedBeforeTax): TaxRequest | null;
/**
 * Totals from the settled discounts and the tax stage's answer (null: no tax). Every total is a sum of
 * whole minor units, so lines sum to the order exactly: total = subtotal − discountTotal + shippingTotal
 * (+ taxTotal when prices exclude tax), and each line likewise.
 */
export declare function completePricing(priced: PricedBeforeTax, tax: TaxAnswer | null): PricingResult;
