import type { PricingInput } from './pricing.types';
/**
 * Refuses input that breaks the engine's contract (negative or fractional money, a quantity below one,
 * a share above 100 %, a line id twice) with a RangeError naming the field. Callers validate what
 * shoppers and merchants type at their own boundary (as `UserError`s); reaching here is a bug.
 */
export declare function checkPricingInput(input: PricingInput): void;
