"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const line_prices_1 = require("./line-prices");
const pricing_fixtures_1 = require("../../test/support/pricing-fixtures");
describe('line prices', () => {
    it('prices each line as unit price × quantity, in input order', () => {
        const lines = (0, line_prices_1.priceLines)([(0, pricing_fixtures_1.pricingLine)('b', 1999, 3), (0, pricing_fixtures_1.pricingLine)('a', 0, 7)]);
        expect(lines.map(({ line, subtotal }) => [line.lineId, subtotal])).toEqual([
            ['b', 5997n],
            ['a', 0n],
        ]);
    });
    it('stays exact beyond what a 32-bit product would hold', () => {
        const [line] = (0, line_prices_1.priceLines)([(0, pricing_fixtures_1.pricingLine)('a', 10_000_000, 100)]);
        expect(line.subtotal).toBe(1000000000n);
    });
});
//# sourceMappingURL=line-prices.test.js.map