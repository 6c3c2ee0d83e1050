"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const line_prices_1 = require("./line-prices");
const promotion_eligibility_1 = require("./promotion-eligibility");
const pricing_fixtures_1 = require("../../test/support/pricing-fixtures");
const lines = (0, line_prices_1.priceLines)([
    (0, pricing_fixtures_1.pricingLine)('shirt', 2000, 2, { productId: 'p-shirt', variantId: 'v-shirt-m', collectionIds: ['summer'] }),
    (0, pricing_fixtures_1.pricingLine)('mug', 800, 1, { productId: 'p-mug', variantId: 'v-mug' }),
    (0, pricing_fixtures_1.pricingLine)('hat', 1500, 1, { productId: 'p-hat', variantId: 'v-hat', collectionIds: ['summer', 'sale'] }),
]);
const tenPercent = { kind: 'PERCENTAGE', basisPoints: 1000 };
describe('promotion targets', () => {
    it('ORDER looks at every line', () => {
        expect((0, promotion_eligibility_1.targetIndexesOf)({ kind: 'ORDER' }, lines)).toEqual([0, 1, 2]);
    });
    it('LINES matches any listed product, variant or collection', () => {
        expect((0, promotion_eligibility_1.targetIndexesOf)((0, pricing_fixtures_1.linesTarget)({ productIds: ['p-mug'] }), lines)).toEqual([1]);
        expect((0, promotion_eligibility_1.targetIndexesOf)((0, pricing_fixtures_1.linesTarget)({ variantIds: ['v-shirt-m'], collectionIds: ['sale'] }), lines)).toEqual([0, 2]);
        expect((0, promotion_eligibility_1.targetIndexesOf)((0, pricing_fixtures_1.linesTarget)({ collectionIds: ['winter'] }), lines)).toEqual([]);
    });
});
describe('promotion eligibility', () => {
    it('starts at startsAt (inclusive) and ends at endsAt (exclusive)', () => {
        expect((0, promotion_eligibility_1.eligibilityOf)((0, pricing_fixtures_1.promotion)('p', tenPercent, { startsAt: pricing_fixtures_1.NOW }), lines, pricing_fixtures_1.NOW)).toEqual({ eligible: true, targetIndexes: [0, 1, 2] });
        expect((0, promotion_eligibility_1.eligibilityOf)((0, pricing_fixtures_1.promotion)('p', tenPercent, { startsAt: new Date(pricing_fixtures_1.NOW.getTime() + 1) }), lines, pricing_fixtures_1.NOW)).toEqual({
            eligible: false,
            reason: 'NOT_STARTED',
        });
        expect((0, promotion_eligibility_1.eligibilityOf)((0, pricing_fixtures_1.promotion)('p', tenPercent, { endsAt: pricing_fixtures_1.NOW }), lines, pricing_fixtures_1.NOW)).toEqual({ eligible: false, reason: 'EXPIRED' });
        expect((0, promotion_eligibility_1.eligibilityOf)((0, pricing_fixtures_1.promotion)('p', tenPercent, { endsAt: new Date(pricing_fixtures_1.NOW.getTime() + 1) }), lines, pricing_fixtures_1.NOW).eligible).toBe(true);
    });
    it('needs at least one target line', () => {
        const target = (0, pricing_fixtures_1.linesTarget)({ productIds: ['p-none'] });
        expect((0, promotion_eligibility_1.eligibilityOf)((0, pricing_fixtures_1.promotion)('p', tenPercent, { target }), lines, pricing_fixtures_1.NOW)).toEqual({ eligible: false, reason: 'NO_TARGET_LINES' });
    });
    it('measures minimums on the target lines only', () => {
        const summer = (0, pricing_fixtures_1.linesTarget)({ collectionIds: ['summer'] });
        // summer lines: 2 × 20.00 + 15.00 = 55.00 in 3 units
        expect((0, promotion_eligibility_1.eligibilityOf)((0, pricing_fixtures_1.promotion)('p', tenPercent, { target: summer, minimumSubtotal: 5500 }), lines, pricing_fixtures_1.NOW).eligible).toBe(true);
        expect((0, promotion_eligibility_1.eligibilityOf)((0, pricing_fixtures_1.promotion)('p', tenPercent, { target: summer, minimumSubtotal: 5501 }), lines, pricing_fixtures_1.NOW)).toEqual({
            eligible: false,
            reason: 'MINIMUM_NOT_MET',
        });
        expect((0, promotion_eligibility_1.eligibilityOf)((0, pricing_fixtures_1.promotion)('p', tenPercent, { target: summer, minimumQuantity: 3 }), lines, pricing_fixtures_1.NOW).eligible).toBe(true);
        expect((0, promotion_eligibility_1.eligibilityOf)((0, pricing_fixtures_1.promotion)('p', tenPercent, { target: summer, minimumQuantity: 4 }), lines, pricing_fixtures_1.NOW)).toEqual({
            eligible: false,
            reason: 'MINIMUM_NOT_MET',
        });
    });
    it('needs one more unit than a BUY_X_GET_Y buys, so that something can be got', () => {
        const buyTwoGetOne = { kind: 'BUY_X_GET_Y', buyQuantity: 2, getQuantity: 1, basisPoints: 10_000 };
        const mugs = (0, pricing_fixtures_1.linesTarget)({ productIds: ['p-mug', 'p-hat'] });
        expect((0, promotion_eligibility_1.eligibilityOf)((0, pricing_fixtures_1.promotion)('p', buyTwoGetOne, { target: mugs }), lines, pricing_fixtures_1.NOW)).toEqual({ eligible: false, reason: 'MINIMUM_NOT_MET' });
        expect((0, promotion_eligibility_1.eligibilityOf)((0, pricing_fixtures_1.promotion)('p', buyTwoGetOne), lines, pricing_fixtures_1.NOW).eligible).toBe(true);
    });
    it('checks the window before the target and the target before the minimum', () => {
        const target = (0, pricing_fixtures_1.linesTarget)({ productIds: ['p-none'] });
        const both = (0, pricing_fixtures_1.promotion)('p', tenPercent, { target, minimumSubtotal: 1_000_000, endsAt: pricing_fixtures_1.NOW });
        expect((0, promotion_eligibility_1.eligibilityOf)(both, lines, pricing_fixtures_1.NOW)).toEqual({ eligible: false, reason: 'EXPIRED' });
        expect((0, promotion_eligibility_1.eligibilityOf)({ ...both, endsAt: null }, lines, pricing_fixtures_1.NOW)).toEqual({ eligible: false, reason: 'NO_TARGET_LINES' });
    });
});
//# sourceMappingURL=promotion-eligibility.test.js.map