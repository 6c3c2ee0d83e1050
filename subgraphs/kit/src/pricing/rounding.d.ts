import { type Exact } from './exact-amount';
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
export declare function roundingPolicyOf(scope: RoundingScope): RoundingPolicy;
/**
 * Whole amounts for a table of exact shares (rows: lines or shipping; columns: promotions or taxes).
 * The grand total is rounded once and apportioned to the rows, then each row's whole amount to its cells.
 * Rows never get more than the ceiling of their exact sum, so a row whose exact sum fits under a whole
 * limit (a line's subtotal) still fits. With PER_LINE every share is already whole and nothing moves.
 */
export declare function settleByRows(table: readonly (readonly Exact[])[], rowRank: readonly number[]): bigint[][];
/**
 * Whole amounts for a table of exact shares, column by column: each column's total (one tax rule over
 * every line and shipping) is rounded once and apportioned to the rows by largest remainder.
 */
export declare function settleByColumns(table: readonly (readonly Exact[])[], columnCount: number, rowRank: readonly number[]): bigint[][];
