import type { LineAmount } from './line-prices';
import type { Promotion, PromotionRejection, PromotionTarget } from './pricing.types';
export type Eligibility = {
    eligible: true;
    targetIndexes: number[];
} | {
    eligible: false;
    reason: PromotionRejection;
};
/** Indexes of the lines a target looks at: every line for ORDER, else lines matching any listed product, variant or collection. */
export declare function targetIndexesOf(target: PromotionTarget, lines: readonly LineAmount[]): number[];
/**
 * Whether a promotion applies to these lines at `now`, checked in this order: its window (startsAt
 * inclusive, endsAt exclusive), its target lines (at least one), then its minimums, measured on the
 * target lines before any discount.
 */
export declare function eligibilityOf(promotion: Promotion, lines: readonly LineAmount[], now: Date): Eligibility;
