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
export type ShippingRateRule =
  { kind: 'FLAT'; amount: number } | { kind: 'BY_WEIGHT'; brackets: ShippingWeightBracket[] } | { kind: 'BY_PRICE'; bands: ShippingPriceBand[] };

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

function normalisedPostalCode(postalCode: string): string {
  return postalCode.replace(/\s+/g, '').toUpperCase();
}

function regionContains(region: ShippingZoneRegion, address: PricingAddress): boolean {
  if (region.countryCode.toUpperCase() !== address.countryCode.toUpperCase()) return false;
  if (region.provinceCode !== null && region.provinceCode.toUpperCase() !== address.provinceCode?.toUpperCase()) return false;
  if (region.postalCodePrefix === null) return true;
  return address.postalCode !== null && normalisedPostalCode(address.postalCode).startsWith(normalisedPostalCode(region.postalCodePrefix));
}

/** Whether a zone covers an address: any of its regions does. */
export function zoneContains(zone: ShippingZone, address: PricingAddress): boolean {
  return zone.regions.some((region) => regionContains(region, address));
}

function inRange(value: number, min: number, max: number | null): boolean {
  return value >= min && (max === null || value < max);
}

/** The method's amount before the free-over threshold, or null when no bracket or band holds the cart. */
function baseAmountOf(rate: ShippingRateRule, facts: ShippingRateFacts): number | null {
  switch (rate.kind) {
    case 'FLAT':
      return rate.amount;
    case 'BY_WEIGHT':
      return rate.brackets.find((bracket) => inRange(facts.totalWeightGrams, bracket.minWeightGrams, bracket.maxWeightGrams))?.amount ?? null;
    case 'BY_PRICE':
      return rate.bands.find((band) => inRange(facts.subtotal, band.minSubtotal, band.maxSubtotal))?.amount ?? null;
  }
}

function checkAmount(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`shipping rates: ${field} must be a whole number of minor units ≥ 0, got ${value}`);
}

function checkRanges(ranges: { min: number; max: number | null; amount: number }[], field: string): void {
  const sorted = [...ranges].sort((a, b) => a.min - b.min);
  sorted.forEach((range, index) => {
    checkAmount(range.min, `${field} minimum`);
    checkAmount(range.amount, `${field} amount`);
    if (range.max !== null && range.max <= range.min) throw new RangeError(`shipping rates: ${field} ${range.min}–${range.max} is empty`);
    const next = sorted[index + 1];
    if (next !== undefined && (range.max === null || range.max > next.min)) {
      throw new RangeError(`shipping rates: ${field}s ${range.min}–${range.max ?? '∞'} and ${next.min}–${next.max ?? '∞'} overlap`);
    }
  });
}

/**
 * Refuses a method that breaks the contract (a negative or fractional amount, an empty or overlapping bracket or
 * band, a zone without regions) with a RangeError naming it: the shipping subgraph validates what merchants type
 * and answers UserErrors, so reaching here with such a method is a bug.
 */
export function checkShippingMethod(method: ShippingMethodRates): void {
  const where = `method ${method.methodId}`;
  if (method.zone.regions.length === 0) throw new RangeError(`shipping rates: ${where}'s zone covers no region`);
  if (method.freeOverSubtotal !== null) checkAmount(method.freeOverSubtotal, `${where} free-over subtotal`);
  const { rate } = method;
  if (rate.kind === 'FLAT') checkAmount(rate.amount, `${where} amount`);
  if (rate.kind === 'BY_WEIGHT') {
    if (rate.brackets.length === 0) throw new RangeError(`shipping rates: ${where} has no weight bracket`);
    checkRanges(
      rate.brackets.map((bracket) => ({ min: bracket.minWeightGrams, max: bracket.maxWeightGrams, amount: bracket.amount })),
      `${where} weight bracket`,
    );
  }
  if (rate.kind === 'BY_PRICE') {
    if (rate.bands.length === 0) throw new RangeError(`shipping rates: ${where} has no price band`);
    checkRanges(
      rate.bands.map((band) => ({ min: band.minSubtotal, max: band.maxSubtotal, amount: band.amount })),
      `${where} price band`,
    );
  }
}

function compareRates(a: AvailableShippingRate, b: AvailableShippingRate): number {
  if (a.amount !== b.amount) return a.amount - b.amount;
  if (a.title !== b.title) return a.title < b.title ? -1 : 1;
  return a.methodId < b.methodId ? -1 : a.methodId > b.methodId ? 1 : 0;
}

/**
 * The rates a cart can choose: every method whose zone covers the address, whose currency is the cart's, and
 * whose bracket or band holds the cart's weight or subtotal; a subtotal at or above the method's free-over
 * threshold makes it 0. Cheapest first, then by title, then by method id, whatever order the methods came in.
 * No address, no rates.
 */
export function availableShippingRates(methods: readonly ShippingMethodRates[], facts: ShippingRateFacts): AvailableShippingRate[] {
  checkAmount(facts.totalWeightGrams, 'cart weight');
  checkAmount(facts.subtotal, 'cart subtotal');
  methods.forEach(checkShippingMethod);
  const { address } = facts;
  if (address === null) return [];
  const rates: AvailableShippingRate[] = [];
  for (const method of methods) {
    if (method.currencyCode.toUpperCase() !== facts.currencyCode.toUpperCase() || !zoneContains(method.zone, address)) continue;
    const baseAmount = baseAmountOf(method.rate, facts);
    if (baseAmount === null) continue;
    const freeOverApplied = method.freeOverSubtotal !== null && facts.subtotal >= method.freeOverSubtotal;
    rates.push({
      rateId: method.methodId,
      methodId: method.methodId,
      zoneId: method.zone.zoneId,
      title: method.name,
      amount: freeOverApplied ? 0 : baseAmount,
      currencyCode: method.currencyCode,
      taxClass: method.taxClass,
      freeOverApplied,
    });
  }
  return rates.sort(compareRates);
}
