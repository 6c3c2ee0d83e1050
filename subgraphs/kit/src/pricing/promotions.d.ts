import type { LineAmount } from './line-prices';
import { type DiscountShares } from './promotion-values';
import type { Promotion, RejectedPromotion } from './pricing.types';
import type { RoundingPolicy } from './rounding';
/** A promotion that applied, with its exact shares of each line and of shipping. */
export interface AppliedDiscount {
    promotion: Promotion;
    shares: DiscountShares;
}
export interface PromotionStage {
    /** In the order they applied: priority, then promotionId. */
    applied: AppliedDiscount[];
    rejected: RejectedPromotion[];
}
export interface PromotionStageInput {
    lines: readonly LineAmount[];
    lineRank: readonly number[];
    shippingAmount: bigint;
    promotions: readonly Promotion[];
    codes: readonly string[];
    now: Date;
    rounding: RoundingPolicy;
}
/**
 * The promotions stage. A promotion with a code counts only when the shopper entered that code (an
 * entered code no promotion has is UNKNOWN_CODE); each is checked for its window, target lines and
 * minimums; the eligible ones run in priority order (lower first, ties by promotionId), each on what
 * the previous left, so no line and no shipping ever goes below zero.
 * Combination: the combinable promotions apply together; a non-combinable one applies alone. Each
 * non-combinable promotion alone and the combinable set together are priced, and the one that saves the
 * shopper most (line and shipping discounts after rounding, before tax) wins; a tie goes to the candidate
 * whose first promotion comes first in priority order. Every promotion of the losing candidates is
 * rejected as NOT_COMBINABLE.
 */
export declare function applyPromotions(input: PromotionStageInput): PromotionStage;
