"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.NOW = void 0;
exports.pricingLine = pricingLine;
exports.promotion = promotion;
exports.taxRule = taxRule;
exports.pricingInput = pricingInput;
exports.linesTarget = linesTarget;
/** Small builders for the pricing engine's tests; not exported from the kit. */
function pricingLine(lineId, unitPrice, quantity, overrides = {}) {
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
function promotion(promotionId, value, overrides = {}) {
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
function taxRule(ruleId, rateBasisPoints, where = {}) {
    return { ruleId, title: ruleId, countryCode: 'CA', provinceCode: null, postalCodePrefix: null, taxClass: null, rateBasisPoints, ...where };
}
exports.NOW = new Date('2026-12-07T12:00:00Z');
function pricingInput(overrides = {}) {
    return {
        settings: { currencyCode: 'CAD', rounding: 'PER_LINE', pricesIncludeTax: false },
        lines: [],
        customer: { customerId: null, taxExempt: false },
        shippingAddress: null,
        shippingRate: null,
        promotions: [],
        codes: [],
        taxRules: [],
        now: exports.NOW,
        ...overrides,
    };
}
function linesTarget(match) {
    return { kind: 'LINES', productIds: match.productIds ?? [], variantIds: match.variantIds ?? [], collectionIds: match.collectionIds ?? [] };
}
//# sourceMappingURL=pricing-fixtures.js.map