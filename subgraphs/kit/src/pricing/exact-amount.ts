/**
 * Exact amounts of minor units: reduced fractions of BigInts. Percentages, proportional spreads and
 * extracted tax produce fractions of a minor unit; keeping them exact until the one place that rounds
 * (see `rounding.ts`) is what lets lines and totals agree to the minor unit. Money is never a float here.
 */
export interface Exact {
  readonly numerator: bigint;
  /** Always positive; the fraction is always reduced. */
  readonly denominator: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function exact(numerator: bigint | number, denominator: bigint | number = 1n): Exact {
  let n = BigInt(numerator);
  let d = BigInt(denominator);
  if (d === 0n) throw new RangeError('exact amount: division by zero');
  if (d < 0n) [n, d] = [-n, -d];
  const divisor = gcd(n, d);
  return divisor > 1n ? { numerator: n / divisor, denominator: d / divisor } : { numerator: n, denominator: d };
}

export const ZERO: Exact = exact(0n);

export function add(a: Exact, b: Exact): Exact {
  return exact(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);
}

export function subtract(a: Exact, b: Exact): Exact {
  return exact(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator);
}

export function multiply(a: Exact, b: Exact): Exact {
  return exact(a.numerator * b.numerator, a.denominator * b.denominator);
}

export function divide(a: Exact, b: Exact): Exact {
  if (b.numerator === 0n) throw new RangeError('exact amount: division by zero');
  return exact(a.numerator * b.denominator, a.denominator * b.numerator);
}

export function sum(amounts: readonly Exact[]): Exact {
  return amounts.reduce(add, ZERO);
}

/** Negative, zero or positive as a is below, equal to or above b. */
export function compare(a: Exact, b: Exact): number {
  const difference = a.numerator * b.denominator - b.numerator * a.denominator;
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

export function min(a: Exact, b: Exact): Exact {
  return compare(a, b) <= 0 ? a : b;
}

export function isZero(a: Exact): boolean {
  return a.numerator === 0n;
}

export function isWhole(a: Exact): boolean {
  return a.denominator === 1n;
}

/** The largest whole number not above a (BigInt division truncates towards zero; this does not). */
export function floor(a: Exact): bigint {
  const quotient = a.numerator / a.denominator;
  return a.numerator < 0n && quotient * a.denominator !== a.numerator ? quotient - 1n : quotient;
}

/** a − floor(a), in [0, 1). */
export function fractionalPart(a: Exact): Exact {
  return subtract(a, exact(floor(a)));
}

/** Half-even (banker's) rounding to a whole minor unit: 2.5 → 2, 3.5 → 4, 2.4999 → 2. */
export function roundHalfEven(a: Exact): bigint {
  const whole = floor(a);
  const twiceRest = 2n * (a.numerator - whole * a.denominator);
  if (twiceRest < a.denominator) return whole;
  if (twiceRest > a.denominator) return whole + 1n;
  return whole % 2n === 0n ? whole : whole + 1n;
}

/** A whole number of minor units back to a JavaScript number, refused beyond 2^53 − 1 rather than rounded. */
export function toMinorUnits(amount: bigint): number {
  if (amount > BigInt(Number.MAX_SAFE_INTEGER) || amount < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`pricing: ${amount} minor units is beyond ${Number.MAX_SAFE_INTEGER}`);
  }
  return Number(amount);
}
