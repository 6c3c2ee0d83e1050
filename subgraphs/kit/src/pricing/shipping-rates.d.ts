import type { PricingAddress } from './pricing.types';
/**
 * Shipping rates as plain data, and the one function that answers which rates a cart can choose and what each
 * costs. The shipping subgraph answers `Cart.availableShippingRates` with it; cart prices the chosen rate with it
 * from its read model of the same methods, so the rate shown and the rate charged agree to the minor unit.
 */
/** A place a zone covers: a whole country, or one province of it, or the postal codes that begin with a prefix. */
export interface ShippingZoneRegion {
    /** ISO 3166-1 alpha-2, upper case. */
    countryCode: string;
    /** ISO 3166-2 subdivision without the country prefix, or null for every province. */
    provinceCode: string | null;
    /** Postal codes beginning with it (spaces and case ignored), or null for every postal code. */
    postalCodePrefix: string | null;
}
export interface ShippingZone {
    zoneId: string;
    name: string;
    regions: ShippingZoneRegion[];
}
/** A weight bracket: from `minWeightGrams` (inclusive) up to `maxWeightGrams` (exclusive, null for no upper end). */
export interface ShippingWeightBracket {
    minWeightGrams: number;
    maxWeightGrams: number | null;
    amount: number;
}
/** A price band on the cart's subtotal: from `minSubtotal` (inclusive) up to `maxSubtotal` (exclusive, null for no upper end). */
export interface ShippingPriceBand {
    minSubtotal: number;
    maxSubtotal: number | null;
    amount: number;
}
/** How a method prices: one amount, by the cart's weight, or by its subtotal. */
export type ShippingRateRule = {
    kind: 'FLAT';
    amount: number;
} | {
    kind: 'BY_WEIGHT';
    brackets: ShippingWeightBracket[];
} | {
    kind: 'BY_PRICE';
    bands: ShippingPriceBand[];
};
/** A shipping method of a store, with its zone, as the shipping subgraph stores it and its events carry it. */
export interface ShippingMethodRates {
    methodId: string;
    name: string;
    zone: ShippingZone;
    rate: ShippingRateRule;
    /** A subtotal at or above it ships for nothing; null for never. */
    freeOverSubtotal: number | null;
    /** The currency of every amount of the method (ISO 4217). */
    currencyCode: string;
    /** The tax class of shipping by this method, or null for the store's standard rate. */
    taxClass: string | null;
}
/** What the rates depend on: where the cart ships, what it weighs and what its lines cost. */
export interface ShippingRateFacts {
    /** Null before the shopper gives an address: no rate is available then. */
    address: PricingAddress | null;
    totalWeightGrams: number;
    /** The cart's subtotal in minor units of `currencyCode`. */
    subtotal: number;
    currencyCode: string;
}
/** A rate the cart can choose. `rateId` is the method's id: choosing it later prices the same method again. */
export interface AvailableShippingRate {
    rateId: string;
    methodId: string;
    zoneId: string;
    title: string;
    amount: number;
    currencyCode: string;
    taxClass: string | null;
    /** Whether the free-over threshold made it 0. */
    freeOverApplied: boolean;
}
/** Whether a zone covers an address: any of its regions does. */
export declare function zoneContains(zone: ShippingZone, address: PricingAddress): boolean;
/**
 * Refuses a method that breaks the contract (a negative or fractional amount, an empty or overlapping bracket or
 * band, a zone without regions) with a RangeError naming it: the shipping subgraph validates what merchants type
 * and answers UserErrors, so reaching here with such a method is a bug.
 */
export declare function checkShippingMethod(method: ShippingMethodRates): void;
/**
 * The rates a cart can choose: every method whose zone covers the address, whose currency is the cart's, and
 * whose bracket or band holds the cart's weight or subtotal; a subtotal at or above the method's free-over
 * threshold makes it 0. Cheapest first, then by title, then by method id, whatever order the methods came in.
 * No address, no rates.
 */
export declare function availableShippingRates(methods: readonly ShippingMethodRates[], facts: ShippingRateFacts): AvailableShippingRate[];
