import { type Exact, exact, roundHalfEven, subtract, sum } from './exact-amount';
import type { LineAmount } from './line-prices';
import { eligibilityOf } from './promotion-eligibility';
import { type DiscountShares, discountSharesOf } from './promotion-values';
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

interface EligiblePromotion {
  promotion: Promotion;
  targetIndexes: number[];
}

function byPriority(a: Promotion, b: Promotion): number {
  return a.priority - b.priority || (a.promotionId < b.promotionId ? -1 : a.promotionId > b.promotionId ? 1 : 0);
}

/** Applies promotions one after the other, each to what the ones before it left. */
function applyInTurn(candidate: readonly EligiblePromotion[], input: PromotionStageInput): AppliedDiscount[] {
  let lineRemaining: Exact[] = input.lines.map(({ subtotal }) => exact(subtotal));
  let shippingRemaining = exact(input.shippingAmount);
  return candidate.map(({ promotion, targetIndexes }) => {
    const shares = discountSharesOf(promotion.value, {
      lines: input.lines,
      targetIndexes,
      lineRemaining,
      shippingRemaining,
      lineRank: input.lineRank,
      rounding: input.rounding,
    });
    lineRemaining = lineRemaining.map((remaining, index) => subtract(remaining, shares.lines[index]));
    shippingRemaining = subtract(shippingRemaining, shares.shipping);
    return { promotion, shares };
  });
}

/** What a set of applied promotions saves the shopper once rounded: line discounts plus shipping discounts, before tax. */
function savingOf(applied: readonly AppliedDiscount[]): bigint {
  const lineShares = applied.flatMap(({ shares }) => shares.lines);
  return roundHalfEven(sum(lineShares)) + roundHalfEven(sum(applied.map(({ shares }) => shares.shipping)));
}

function rejectionOrder(a: RejectedPromotion, b: RejectedPromotion): number {
  const key = (rejection: RejectedPromotion) => [rejection.promotionId === null ? 1 : 0, rejection.promotionId ?? '', rejection.code ?? ''] as const;
  const [ka, kb] = [key(a), key(b)];
  for (let index = 0; index < ka.length; index += 1) if (ka[index] !== kb[index]) return ka[index] < kb[index] ? -1 : 1;
  return 0;
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
export function applyPromotions(input: PromotionStageInput): PromotionStage {
  const rejected: RejectedPromotion[] = [];
  const entered = [...new Set(input.codes.map((code) => code.toUpperCase()))];
  const knownCodes = new Set(input.promotions.flatMap(({ code }) => (code === null ? [] : [code.toUpperCase()])));
  for (const code of entered) if (!knownCodes.has(code)) rejected.push({ promotionId: null, code, reason: 'UNKNOWN_CODE' });

  const seen = new Set<string>();
  const eligible: EligiblePromotion[] = [];
  for (const promotion of input.promotions) {
    if (seen.has(promotion.promotionId) || (promotion.code !== null && !entered.includes(promotion.code.toUpperCase()))) continue;
    seen.add(promotion.promotionId);
    const eligibility = eligibilityOf(promotion, input.lines, input.now);
    if (eligibility.eligible) eligible.push({ promotion, targetIndexes: eligibility.targetIndexes });
    else rejected.push({ promotionId: promotion.promotionId, code: promotion.code, reason: eligibility.reason });
  }
  eligible.sort((a, b) => byPriority(a.promotion, b.promotion));

  const combinable = eligible.filter(({ promotion }) => promotion.combinable);
  const candidates: EligiblePromotion[][] = [];
  for (const entry of eligible) {
    if (!entry.promotion.combinable) candidates.push([entry]);
    else if (entry === combinable[0]) candidates.push(combinable);
  }
  let best: { candidate: EligiblePromotion[]; applied: AppliedDiscount[]; saving: bigint } | null = null;
  for (const candidate of candidates) {
    const applied = applyInTurn(candidate, input);
    const saving = savingOf(applied);
    if (best === null || saving > best.saving) best = { candidate, applied, saving };
  }
  for (const entry of eligible) {
    if (!best?.candidate.includes(entry)) rejected.push({ promotionId: entry.promotion.promotionId, code: entry.promotion.code, reason: 'NOT_COMBINABLE' });
  }
  return { applied: best?.applied ?? [], rejected: rejected.sort(rejectionOrder) };
}
