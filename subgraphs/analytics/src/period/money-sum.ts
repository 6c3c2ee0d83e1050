import { safeIntegerFrom } from '@ultramarket/kit';

/**
 * Exact sums of minor units. PostgreSQL returns `bigint` and `sum(bigint)` as text: they are added as BigInt and
 * turned into a number only at the end, refused (never rounded) beyond 2^53 − 1.
 */
export function sumMinor(values: readonly (string | number | bigint | null | undefined)[], what = 'amount'): number {
  return safeIntegerFrom(
    values.reduce<bigint>((sum, value) => sum + BigInt(value ?? 0), 0n),
    what,
  );
}

/** `total / count` rounded half up to a minor unit, in BigInt (a double divides a total near 2^53 inexactly); 0 when count is 0. */
export function averageMinor(total: number, count: number): number {
  if (count === 0) return 0;
  const sign = total < 0 ? -1n : 1n;
  const magnitude = (2n * BigInt(Math.abs(total)) + BigInt(count)) / (2n * BigInt(count));
  return Number(sign * magnitude);
}

/** The change from `previous` to `current` as a share of `previous` (0.25 = +25 %); null when previous is 0. */
export function relativeChange(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}
