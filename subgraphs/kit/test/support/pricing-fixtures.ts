import type { PricingInput, PricingLine, Promotion, PromotionTarget, TaxRule } from '../../src/pricing/pricing.types';

/** Small builders for the pricing engine's tests; not exported from the kit. */
export function pricingLine(lineId: string, unitPrice: number, quantity: number, overrides: Partial<PricingLine> = {}): PricingLine {
  return {
    lineId,
    variantId: `variant-${lineId}`,
    productId: `product-${lineId}`,
    quantity,
    unitPrice,
    unitWeightGrams: null,
    taxClass: null,
    collectionIds: [],
    tags: [],
    productType: null,
    vendor: null,
    ...overrides,
  };
}

export function promotion(promotionId: string, value: Promotion['value'], overrides: Partial<Promotion> = {}): Promotion {
  return {
    promotionId,
    title: promotionId,
    code: null,
    value,
    target: { kind: 'ORDER' },
    minimumSubtotal: null,
    minimumQuantity: null,
    startsAt: null,
    endsAt: null,
    priority: 0,
    combinable: true,
    ...overrides,
  };
}

export function taxRule(ruleId: string, rateBasisPoints: number, where: Partial<TaxRule> = {}): TaxRule {
  return { ruleId, title: ruleId, countryCode: 'CA', provinceCode: null, postalCodePrefix: null, taxClass: null, rateBasisPoints, ...where };
}

export const NOW = new Date('2026-12-07T12:00:00Z');

export function pricingInput(overrides: Partial<PricingInput> = {}): PricingInput {
  return {
    settings: { currencyCode: 'CAD', rounding: 'PER_LINE', pricesIncludeTax: false },
    lines: [],
    customer: { customerId: null, taxExempt: false },
    shippingAddress: null,
    shippingRate: null,
    promotions: [],
    codes: [],
    taxRules: [],
    now: NOW,
    ...overrides,
  };
}

export function linesTarget(match: { productIds?: string[]; variantIds?: string[]; collectionIds?: string[] }): PromotionTarget {
  return { kind: 'LINES', productIds: match.productIds ?? [], variantIds: match.variantIds ?? [], collectionIds: match.collectionIds ?? [] };
}
