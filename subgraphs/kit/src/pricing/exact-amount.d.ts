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
export declare function exact(numerator: bigint | number, denominator?: bigint | number): Exact;
export declare const ZERO: Exact;
export declare function add(a: Exact, b: Exact): Exact;
export declare function subtract(a: Exact, b: Exact): Exact;
export declare function multiply(a: Exact, b: Exact): Exact;
export declare function divide(a: Exact, b: Exact): Exact;
export declare function sum(amounts: readonly Exact[]): Exact;
/** Negative, zero or positive as a is below, equal to or above b. */
export declare function compare(a: Exact, b: Exact): number;
export declare function min(a: Exact, b: Exact): Exact;
export declare function isZero(a: Exact): boolean;
export declare function isWhole(a: Exact): boolean;
/** The largest whole number not above a (BigInt division truncates towards zero; this does not). */
export declare function floor(a: Exact): bigint;
/** a − floor(a), in [0, 1). */
export declare function fractionalPart(a: Exact): Exact;
/** Half-even (banker's) rounding to a whole minor unit: 2.5 → 2, 3.5 → 4, 2.4999 → 2. */
export declare function roundHalfEven(a: Exact): bigint;
/** A whole number of minor units back to a JavaScript number, refused beyond 2^53 − 1 rather than rounded. */
export declare function toMinorUnits(amount: bigint): number;
