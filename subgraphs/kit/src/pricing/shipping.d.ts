import type { PricingShippingRate } from './pricing.types';
/** The shipping stage's input: the chosen rate's amount (nothing before a rate is chosen). */
export declare function shippingAmountOf(rate: PricingShippingRate | null): bigint;
/**
 * The shipping stage: the chosen rate minus its discounts. The promotions stage never takes more than
 * shipping has left, so a result below zero is a bug and throws rather than being hidden by a clamp.
 */
export declare function shippingAfterDiscounts(amount: bigint, discounts: readonly bigint[]): bigint;
