import { type Exact, compare, exact, floor, fractionalPart, isZero, multiply, sum } from './exact-amount';

/**
 * Splits `total` whole minor units over exact shares by largest remainder: each share gets its floor,
 * and the units left over go one each to the largest fractional parts, ties to the lower `rank`
 * (the caller ranks lines by lineId, promotions by the order they applied in). A share never gets more
 * than its ceiling, so a share that fits under a whole-number limit still does after apportioning.
 * `total` must lie between the sum of the floors and the sum of the ceilings (rounding the shares' sum
 * to a whole unit always does); anything else is a bug in the caller and throws.
 */
export function apportion(total: bigint, shares: readonly Exact[], rank: readonly number[] = shares.map((_, index) => index)): bigint[] {
  const parts = shares.map(floor);
  let unitsLeft = total - parts.reduce((a, b) => a + b, 0n);
  const fractional = shares
    .map((share, index) => ({ index, rest: fractionalPart(share) }))
    .filter(({ rest }) => !isZero(rest))
    .sort((a, b) => compare(b.rest, a.rest) || rank[a.index] - rank[b.index]);
  if (unitsLeft < 0n || unitsLeft > BigInt(fractional.length)) {
    throw new RangeError(`apportion: ${total} cannot be split over shares summing to ${sum(shares).numerator}/${sum(shares).denominator}`);
  }
  for (const { index } of fractional) {
    if (unitsLeft === 0n) break;
    parts[index] += 1n;
    unitsLeft -= 1n;
  }
  return parts;
}

/** `amount` split in proportion to `weights` (exact shares; a zero total weight gets nothing). */
export function proportionalShares(amount: Exact, weights: readonly Exact[]): Exact[] {
  const totalWeight = sum(weights);
  if (isZero(totalWeight)) return weights.map(() => exact(0));
  return weights.map((weight) => multiply(amount, multiply(weight, exact(totalWeight.denominator, totalWeight.numerator))));
}

/** Each id's position in plain code-unit order, for deterministic tie-breaks that no locale changes. */
export function rankByIds(ids: readonly string[]): number[] {
  const sorted = ids.map((id, index) => ({ id, index })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.index - b.index));
  const rank = new Array<number>(ids.length);
  sorted.forEach(({ index }, position) => (rank[index] = position));
  return rank;
}
