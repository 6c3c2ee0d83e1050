import { type Exact } from './exact-amount';
import type { LineAmount } from './line-prices';
import type { PromotionValue } from './pricing.types';
import type { RoundingPolicy } from './rounding';
/** What one promotion works on: what each line and shipping still cost after the promotions before it. */
export interface DiscountBase {
    lines: readonly LineAmount[];
    targetIndexes: readonly number[];
    lineRemaining: readonly Exact[];
    shippingRemaining: Exact;
    /** Each line's rank by lineId, for ties. */
    lineRank: readonly number[];
    rounding: RoundingPolicy;
}
/** One promotion's shares: one per line (zero off target) and one for shipping. Never above what was left. */
export interface DiscountShares {
    lines: Exact[];
    shipping: Exact;
}
/** Units that get the discount among `units` target units: `get` per `buy` bought, the last group partly if it goes past `buy`. */
export declare function freeUnitsOf(units: number, buyQuantity: number, getQuantity: number): number;
/** One promotion's discount, by the kind of its value. */
export declare function discountSharesOf(value: PromotionValue, base: DiscountBase): DiscountShares;
