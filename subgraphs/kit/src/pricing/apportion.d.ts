import { type Exact } from './exact-amount';
/**
 * Splits `total` whole minor units over exact shares by largest remainder: each share gets its floor,
 * and the units left over go one each to the largest fractional parts, ties to the lower `rank`
 * (the caller ranks lines by lineId, promotions by the order they applied in). A share never gets more
 * than its ceiling, so a share that fits under a whole-number limit still does after apportioning.
 * `total` must lie between the sum of the floors and the sum of the ceilings (rounding the shares' sum
 * to a whole unit always does); anything else is a bug in the caller and throws.
 */
export declare function apportion(total: bigint, shares: readonly Exact[], rank?: readonly number[]): bigint[];
/** `amount` split in proportion to `weights` (exact shares; a zero total weight gets nothing). */
export declare function proportionalShares(amount: Exact, weights: readonly Exact[]): Exact[];
/** Each id's position in plain code-unit order, for deterministic tie-breaks that no locale changes. */
export declare function rankByIds(ids: readonly string[]): number[];
