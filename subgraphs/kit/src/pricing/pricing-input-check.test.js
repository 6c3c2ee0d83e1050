"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const pricing_input_check_1 = require("./pricing-input-check");
const pricing_fixtures_1 = require("../../test/support/pricing-fixtures");
describe('pricing input check', () => {
    it('accepts a well-formed input', () => {
        expect(() => (0, pricing_input_check_1.checkPricingInput)((0, pricing_fixtures_1.pricingInput)({
            lines: [(0, pricing_fixtures_1.pricingLine)('a', 0, 1), (0, pricing_fixtures_1.pricingLine)('b', 10_000_000, 100)],
            promotions: [(0, pricing_fixtures_1.promotion)('p', { kind: 'FREE_SHIPPING' }), (0, pricing_fixtures_1.promotion)('q', { kind: 'BUY_X_GET_Y', buyQuantity: 0, getQuantity: 1, basisPoints: 10_000 })],
            taxRules: [(0, pricing_fixtures_1.taxRule)('gst', 500)],
        }))).not.toThrow();
    });
    it.each([
        ['a negative price', (0, pricing_fixtures_1.pricingInput)({ lines: [(0, pricing_fixtures_1.pricingLine)('a', -1, 1)] }), /lines\[0\]\.unitPrice/],
        ['a fractional price', (0, pricing_fixtures_1.pricingInput)({ lines: [(0, pricing_fixtures_1.pricingLine)('a', 9.99, 1)] }), /lines\[0\]\.unitPrice/],
        ['a zero quantity', (0, pricing_fixtures_1.pricingInput)({ lines: [(0, pricing_fixtures_1.pricingLine)('a', 100, 0)] }), /lines\[0\]\.quantity/],
        ['a line id twice', (0, pricing_fixtures_1.pricingInput)({ lines: [(0, pricing_fixtures_1.pricingLine)('a', 1, 1), (0, pricing_fixtures_1.pricingLine)('a', 2, 1)] }), /appears twice/],
        ['more than 100 % off', (0, pricing_fixtures_1.pricingInput)({ promotions: [(0, pricing_fixtures_1.promotion)('p', { kind: 'PERCENTAGE', basisPoints: 10_001 })] }), /basisPoints/],
        ['a negative fixed amount', (0, pricing_fixtures_1.pricingInput)({ promotions: [(0, pricing_fixtures_1.promotion)('p', { kind: 'FIXED_AMOUNT', amount: -5 })] }), /amount/],
        ['get zero units', (0, pricing_fixtures_1.pricingInput)({ promotions: [(0, pricing_fixtures_1.promotion)('p', { kind: 'BUY_X_GET_Y', buyQuantity: 1, getQuantity: 0, basisPoints: 1 })] }), /getQuantity/],
        ['a negative shipping rate', (0, pricing_fixtures_1.pricingInput)({ shippingRate: { rateId: 'r', title: 'r', amount: -1, taxClass: null } }), /shippingRate\.amount/],
        ['a negative tax rate', (0, pricing_fixtures_1.pricingInput)({ taxRules: [(0, pricing_fixtures_1.taxRule)('t', -1)] }), /rateBasisPoints/],
        ['an invalid date', (0, pricing_fixtures_1.pricingInput)({ now: new Date('nonsense') }), /now/],
    ])('refuses %s', (_, input, message) => {
        expect(() => (0, pricing_input_check_1.checkPricingInput)(input)).toThrow(message);
    });
});
//# sourceMappingURL=pricing-input-check.test.js.map