"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const exact_amount_1 = require("./exact-amount");
const line_prices_1 = require("./line-prices");
const promotion_values_1 = require("./promotion-values");
const pricing_fixtures_1 = require("../../test/support/pricing-fixtures");
const rounding_1 = require("./rounding");
function baseFor(lines, scope, options = {}) {
    const amounts = (0, line_prices_1.priceLines)(lines);
    return {
        lines: amounts,
        targetIndexes: options.targets ?? amounts.map((_, index) => index),
        lineRemaining: options.remaining ?? amounts.map(({ subtotal }) => (0, exact_amount_1.exact)(subtotal)),
        shippingRemaining: (0, exact_amount_1.exact)(options.shipping ?? 0),
        lineRank: amounts.map((_, index) => index),
        rounding: (0, rounding_1.roundingPolicyOf)(scope),
    };
}
const whole = (shares) => shares.map((share) => (share.denominator === 1n ? Number(share.numerator) : `${share.numerator}/${share.denominator}`));
describe('PERCENTAGE', () => {
    const lines = [(0, pricing_fixtures_1.pricingLine)('a', 5, 1), (0, pricing_fixtures_1.pricingLine)('b', 15, 1), (0, pricing_fixtures_1.pricingLine)('c', 1000, 1)];
    it('rounds each line half-even when the store rounds per line', () => {
        expect(whole((0, promotion_values_1.discountSharesOf)({ kind: 'PERCENTAGE', basisPoints: 1000 }, baseFor(lines, 'PER_LINE')).lines)).toEqual([0, 2, 100]);
    });
    it('keeps exact shares when the store rounds per order', () => {
        expect(whole((0, promotion_values_1.discountSharesOf)({ kind: 'PERCENTAGE', basisPoints: 1000 }, baseFor(lines, 'PER_ORDER')).lines)).toEqual(['1/2', '3/2', 100]);
    });
    it('takes its share of what is left, on target lines only', () => {
        const base = baseFor(lines, 'PER_LINE', { remaining: [(0, exact_amount_1.exact)(0), (0, exact_amount_1.exact)(10), (0, exact_amount_1.exact)(400)], targets: [1, 2] });
        expect(whole((0, promotion_values_1.discountSharesOf)({ kind: 'PERCENTAGE', basisPoints: 5000 }, base).lines)).toEqual([0, 5, 200]);
    });
});
describe('FIXED_AMOUNT', () => {
    it('spreads in proportion to what lines have left', () => {
        const base = baseFor([(0, pricing_fixtures_1.pricingLine)('a', 300, 1), (0, pricing_fixtures_1.pricingLine)('b', 100, 1)], 'PER_LINE');
        expect(whole((0, promotion_values_1.discountSharesOf)({ kind: 'FIXED_AMOUNT', amount: 100 }, base).lines)).toEqual([75, 25]);
    });
    it('gives the remainder by largest remainder, then by lineId', () => {
        const base = baseFor([(0, pricing_fixtures_1.pricingLine)('c', 1000, 1), (0, pricing_fixtures_1.pricingLine)('a', 1000, 1), (0, pricing_fixtures_1.pricingLine)('b', 1000, 1)], 'PER_LINE');
        base.lineRank = [2, 0, 1];
        expect(whole((0, promotion_values_1.discountSharesOf)({ kind: 'FIXED_AMOUNT', amount: 1000 }, base).lines)).toEqual([333, 334, 333]);
        expect(whole((0, promotion_values_1.discountSharesOf)({ kind: 'FIXED_AMOUNT', amount: 1000 }, baseFor([(0, pricing_fixtures_1.pricingLine)('a', 1000, 1), (0, pricing_fixtures_1.pricingLine)('b', 1000, 1), (0, pricing_fixtures_1.pricingLine)('c', 1000, 1)], 'PER_ORDER')).lines)).toEqual(['1000/3', '1000/3', '1000/3']);
    });
    it('takes at most what is left: 50.00 off 30.00 is 30.00', () => {
        const base = baseFor([(0, pricing_fixtures_1.pricingLine)('a', 1000, 1), (0, pricing_fixtures_1.pricingLine)('b', 2000, 1)], 'PER_LINE');
        expect(whole((0, promotion_values_1.discountSharesOf)({ kind: 'FIXED_AMOUNT', amount: 5000 }, base).lines)).toEqual([1000, 2000]);
    });
});
describe('BUY_X_GET_Y', () => {
    it('counts the discounted units per group, the last group partly', () => {
        expect([2, 3, 5, 6, 7].map((units) => (0, promotion_values_1.freeUnitsOf)(units, 2, 1))).toEqual([0, 1, 1, 2, 2]);
        expect([2, 4, 5].map((units) => (0, promotion_values_1.freeUnitsOf)(units, 1, 2))).toEqual([1, 2, 3]);
        expect((0, promotion_values_1.freeUnitsOf)(3, 0, 1)).toBe(3);
    });
    it('discounts the cheapest units of mixed prices', () => {
        const lines = [(0, pricing_fixtures_1.pricingLine)('a', 1000, 2), (0, pricing_fixtures_1.pricingLine)('b', 500, 1), (0, pricing_fixtures_1.pricingLine)('c', 300, 1)];
        expect(whole((0, promotion_values_1.discountSharesOf)({ kind: 'BUY_X_GET_Y', buyQuantity: 2, getQuantity: 1, basisPoints: 10_000 }, baseFor(lines, 'PER_LINE')).lines)).toEqual([
            0, 0, 300,
        ]);
        expect(whole((0, promotion_values_1.discountSharesOf)({ kind: 'BUY_X_GET_Y', buyQuantity: 1, getQuantity: 1, basisPoints: 5000 }, baseFor(lines, 'PER_LINE')).lines)).toEqual([
            0, 250, 150,
        ]);
    });
    it('judges cheapness by what a unit has left after earlier promotions, ties by lineId', () => {
        const lines = [(0, pricing_fixtures_1.pricingLine)('a', 1000, 1), (0, pricing_fixtures_1.pricingLine)('b', 600, 1)];
        const base = baseFor(lines, 'PER_LINE', { remaining: [(0, exact_amount_1.exact)(400), (0, exact_amount_1.exact)(600)] });
        expect(whole((0, promotion_values_1.discountSharesOf)({ kind: 'BUY_X_GET_Y', buyQuantity: 1, getQuantity: 1, basisPoints: 10_000 }, base).lines)).toEqual([400, 0]);
        const tie = baseFor([(0, pricing_fixtures_1.pricingLine)('b', 500, 1), (0, pricing_fixtures_1.pricingLine)('a', 500, 1)], 'PER_LINE');
        tie.lineRank = [1, 0];
        expect(whole((0, promotion_values_1.discountSharesOf)({ kind: 'BUY_X_GET_Y', buyQuantity: 1, getQuantity: 1, basisPoints: 10_000 }, tie).lines)).toEqual([0, 500]);
    });
    it('takes part of a line when only some of its units are got', () => {
        const base = baseFor([(0, pricing_fixtures_1.pricingLine)('a', 333, 3)], 'PER_LINE');
        expect(whole((0, promotion_values_1.discountSharesOf)({ kind: 'BUY_X_GET_Y', buyQuantity: 2, getQuantity: 1, basisPoints: 5000 }, base).lines)).toEqual([166]);
    });
});
describe('FREE_SHIPPING', () => {
    it('takes all of what shipping has left, or its share', () => {
        const lines = [(0, pricing_fixtures_1.pricingLine)('a', 1000, 1)];
        expect((0, promotion_values_1.discountSharesOf)({ kind: 'FREE_SHIPPING' }, baseFor(lines, 'PER_LINE', { shipping: 1299 }))).toEqual({ lines: [(0, exact_amount_1.exact)(0)], shipping: (0, exact_amount_1.exact)(1299) });
        expect((0, promotion_values_1.discountSharesOf)({ kind: 'FREE_SHIPPING', basisPoints: 5000 }, baseFor(lines, 'PER_LINE', { shipping: 333 })).shipping).toEqual((0, exact_amount_1.exact)(166));
        expect((0, promotion_values_1.discountSharesOf)({ kind: 'FREE_SHIPPING', basisPoints: 5000 }, baseFor(lines, 'PER_ORDER', { shipping: 333 })).shipping).toEqual((0, exact_amount_1.exact)(333, 2));
    });
});
//# sourceMappingURL=promotion-values.test.js.map