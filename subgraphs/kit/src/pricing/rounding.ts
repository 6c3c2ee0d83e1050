import { apportion, proportionalShares } from './apportion';
import { type Exact, exact, roundHalfEven, sum } from './exact-amount';
import type { RoundingScope } from './pricing.types';

/**
 * Where the engine rounds, always half-even to the store currency's minor unit:
 * - PER_LINE: every discount allocation and every tax amount of a line is rounded as it is made, so the
 *   chain works on whole units and the order's totals are sums of rounded lines;
 * - PER_ORDER: allocations and taxes stay exact; each order total is rounded once (`roundOnce`) and
 *   distributed back to the lines by largest remainder (`apportion`) so the lines still sum to it.
 */
export interface RoundingPolicy {
  scope: RoundingScope;
  /** A line's (or shipping's) share of one promotion or one tax, as the chain keeps it. */
  roundShare(amount: Exact): Exact;
  /** A whole amount spread over weights: PER_LINE gives whole units by largest remainder, PER_ORDER exact shares. */
  spread(amount: bigint, weights: readonly Exact[], rank: readonly number[]): Exact[];
}

const perLine: RoundingPolicy = {
  scope: 'PER_LINE',
  roundShare: (amount) => exact(roundHalfEven(amount)),
  spread: (amount, weights, rank) => apportion(amount, proportionalShares(exact(amount), weights), rank).map((part) => exact(part)),
};

const perOrder: RoundingPolicy = {
  scope: 'PER_ORDER',
  roundShare: (amount) => amount,
  spread: (amount, weights) => proportionalShares(exact(amount), weights),
};

export function roundingPolicyOf(scope: RoundingScope): RoundingPolicy {
  return scope === 'PER_LINE' ? perLine : perOrder;
}

/**
 * Whole amounts for a table of exact shares (rows: lines or shipping; columns: promotions or taxes).
 * The grand total is rounded once and apportioned to the rows, then each row's whole amount to its cells.
 * Rows never get more than the ceiling of their exact sum, so a row whose exact sum fits under a whole
 * limit (a line's subtotal) still fits. With PER_LINE every share is already whole and nothing moves.
 */
export function settleByRows(table: readonly (readonly Exact[])[], rowRank: readonly number[]): bigint[][] {
  const rowSums = table.map((row) => sum(row));
  const rowTotals = apportion(roundHalfEven(sum(rowSums)), rowSums, rowRank);
  return table.map((row, index) => apportion(rowTotals[index], row));
}

/**
 * Whole amounts for a table of exact shares, column by column: each column's total (one tax rule over
 * every line and shipping) is rounded once and apportioned to the rows by largest remainder.
 */
export function settleByColumns(table: readonly (readonly Exact[])[], columnCount: number, rowRank: readonly number[]): bigint[][] {
  const settled = table.map(() => new Array<bigint>(columnCount).fill(0n));
  for (let column = 0; column < columnCount; column += 1) {
    const shares = table.map((row) => row[column]);
    const parts = apportion(roundHalfEven(sum(shares)), shares, rowRank);
    parts.forEach((part, row) => (settled[row][column] = part));
  }
  return settled;
}
