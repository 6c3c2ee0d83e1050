import { type Exact, ZERO, compare, divide, exact, multiply, sum } from './exact-amount';
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

const WHOLE = 10_000n;

function shareOf(amount: Exact, basisPoints: number): Exact {
  return multiply(amount, exact(BigInt(basisPoints), WHOLE));
}

function onTargets(base: DiscountBase, shareOfLine: (index: number) => Exact): Exact[] {
  const shares = base.lines.map(() => ZERO);
  for (const index of base.targetIndexes) shares[index] = shareOfLine(index);
  return shares;
}

/** PERCENTAGE: that share of what each target line has left, rounded per line when the store rounds per line. */
function percentageOff(base: DiscountBase, basisPoints: number): DiscountShares {
  return { lines: onTargets(base, (index) => base.rounding.roundShare(shareOf(base.lineRemaining[index], basisPoints))), shipping: ZERO };
}

/**
 * FIXED_AMOUNT: the amount over the target lines in proportion to what each has left; when the amount is
 * more than they have left together, they get everything they have left and the rest is lost (never below zero).
 */
function fixedAmountOff(base: DiscountBase, amount: number): DiscountShares {
  const weights = base.targetIndexes.map((index) => base.lineRemaining[index]);
  if (compare(exact(amount), sum(weights)) >= 0) return { lines: onTargets(base, (index) => base.lineRemaining[index]), shipping: ZERO };
  const spread = base.rounding.spread(
    BigInt(amount),
    weights,
    base.targetIndexes.map((index) => base.lineRank[index]),
  );
  const shares = base.lines.map(() => ZERO);
  base.targetIndexes.forEach((index, position) => (shares[index] = spread[position]));
  return { lines: shares, shipping: ZERO };
}

/** Units that get the discount among `units` target units: `get` per `buy` bought, the last group partly if it goes past `buy`. */
export function freeUnitsOf(units: number, buyQuantity: number, getQuantity: number): number {
  const group = buyQuantity + getQuantity;
  return Math.floor(units / group) * getQuantity + Math.max(0, (units % group) - buyQuantity);
}

/**
 * BUY_X_GET_Y: the cheapest target units (by what a unit has left, ties by lineId) get `basisPoints` off;
 * the dearer ones are the units bought.
 */
function buyXGetYOff(base: DiscountBase, value: Extract<PromotionValue, { kind: 'BUY_X_GET_Y' }>): DiscountShares {
  const unitLeft = (index: number) => divide(base.lineRemaining[index], exact(base.lines[index].line.quantity));
  const cheapestFirst = [...base.targetIndexes].sort((a, b) => compare(unitLeft(a), unitLeft(b)) || base.lineRank[a] - base.lineRank[b]);
  const units = base.targetIndexes.reduce((total, index) => total + base.lines[index].line.quantity, 0);
  let unitsToDiscount = freeUnitsOf(units, value.buyQuantity, value.getQuantity);
  const discountedUnits = new Map<number, number>();
  for (const index of cheapestFirst) {
    const taken = Math.min(unitsToDiscount, base.lines[index].line.quantity);
    discountedUnits.set(index, taken);
    unitsToDiscount -= taken;
  }
  return {
    lines: onTargets(base, (index) => base.rounding.roundShare(shareOf(multiply(unitLeft(index), exact(discountedUnits.get(index) ?? 0)), value.basisPoints))),
    shipping: ZERO,
  };
}

/** FREE_SHIPPING: `basisPoints` (all, by default) of what shipping has left. */
function shippingOff(base: DiscountBase, basisPoints: number): DiscountShares {
  return { lines: base.lines.map(() => ZERO), shipping: base.rounding.roundShare(shareOf(base.shippingRemaining, basisPoints)) };
}

/** One promotion's discount, by the kind of its value. */
export function discountSharesOf(value: PromotionValue, base: DiscountBase): DiscountShares {
  switch (value.kind) {
    case 'PERCENTAGE':
      return percentageOff(base, value.basisPoints);
    case 'FIXED_AMOUNT':
      return fixedAmountOff(base, value.amount);
    case 'BUY_X_GET_Y':
      return buyXGetYOff(base, value);
    case 'FREE_SHIPPING':
      return shippingOff(base, value.basisPoints ?? 10_000);
  }
}
