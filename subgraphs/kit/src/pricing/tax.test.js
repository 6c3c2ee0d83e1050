"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const pricing_fixtures_1 = require("../../test/support/pricing-fixtures");
const tax_1 = require("./tax");
const tax_provider_1 = require("./tax-provider");
const bc = [(0, pricing_fixtures_1.taxRule)('gst', 500, { provinceCode: 'BC' }), (0, pricing_fixtures_1.taxRule)('pst', 700, { provinceCode: 'BC' }), (0, pricing_fixtures_1.taxRule)('ca', 500)];
const vat = [(0, pricing_fixtures_1.taxRule)('vat', 2000, { countryCode: 'GB' }), (0, pricing_fixtures_1.taxRule)('vat-reduced', 500, { countryCode: 'GB', taxClass: 'reduced' })];
function taxable(lineId, amount, taxClass = null) {
    return { lineId, variantId: `v-${lineId}`, productId: `p-${lineId}`, quantity: 1, taxClass, amount };
}
function request(lines, options = {}) {
    const settings = { currencyCode: 'CAD', rounding: options.rounding ?? 'PER_LINE', pricesIncludeTax: options.pricesIncludeTax ?? false };
    return {
        settings,
        lines,
        shipping: options.shipping ?? null,
        address: { countryCode: options.country ?? 'CA', provinceCode: 'BC', postalCode: 'V5K 0A1' },
        customer: { customerId: null, taxExempt: false },
    };
}
const amounts = (taxLines) => taxLines.map(({ ruleId, amount }) => [ruleId, amount]);
describe('tax by rules', () => {
    it('charges GST and PST together in British Columbia, on top of exclusive prices', () => {
        const answer = (0, tax_1.taxByRules)(request([taxable('a', 10_000)]), bc);
        expect(amounts(answer.lines[0].taxLines)).toEqual([
            ['gst', 500],
            ['pst', 700],
        ]);
    });
    it('extracts both from an inclusive price out of the same net amount', () => {
        // 112.00 including 5 % + 7 % is 100.00 net: 5.00 and 7.00
        const answer = (0, tax_1.taxByRules)(request([taxable('a', 11_200)], { pricesIncludeTax: true }), bc);
        expect(amounts(answer.lines[0].taxLines)).toEqual([
            ['gst', 500],
            ['pst', 700],
        ]);
        // 120.00 including 20 % VAT holds 20.00 of it
        expect(amounts((0, tax_1.taxByRules)(request([taxable('a', 12_000)], { pricesIncludeTax: true, country: 'GB' }), vat).lines[0].taxLines)).toEqual([['vat', 2000]]);
    });
    it('taxes each class by its own rules, and a class with no rule at the chosen level not at all', () => {
        const answer = (0, tax_1.taxByRules)(request([taxable('book', 1000, 'reduced'), taxable('toy', 1000), taxable('bread', 1000, 'zero')], { country: 'GB' }), vat);
        expect(answer.lines.map(({ lineId, taxLines }) => [lineId, amounts(taxLines)])).toEqual([
            ['book', [['vat-reduced', 50]]],
            ['toy', [['vat', 200]]],
            ['bread', []],
        ]);
    });
    it('taxes shipping by its own class', () => {
        const standard = (0, tax_1.taxByRules)(request([taxable('a', 1000)], { shipping: { rateId: 'r', taxClass: null, amount: 1500 } }), bc);
        expect(amounts(standard.shipping)).toEqual([
            ['gst', 75],
            ['pst', 105],
        ]);
        const exempt = (0, tax_1.taxByRules)(request([taxable('a', 1000)], { shipping: { rateId: 'r', taxClass: 'shipping', amount: 1500 } }), bc);
        expect(exempt.shipping).toEqual([]);
    });
    it('rounds each line half-even per line, and each rule once per order', () => {
        const gst10 = [(0, pricing_fixtures_1.taxRule)('gst', 1000, { provinceCode: 'BC' })];
        // 10 % of 1.05 is 0.105 → 0.10 on each line; the order's 0.21 is rounded once and spread back
        const perLine = (0, tax_1.taxByRules)(request([taxable('b', 105), taxable('a', 105)]), gst10);
        expect(perLine.lines.map(({ taxLines }) => taxLines[0].amount)).toEqual([10, 10]);
        const perOrder = (0, tax_1.taxByRules)(request([taxable('b', 105), taxable('a', 105)], { rounding: 'PER_ORDER' }), gst10);
        expect(perOrder.lines.map(({ taxLines }) => taxLines[0].amount)).toEqual([10, 11]);
    });
    it('is what the built-in provider answers', async () => {
        const asked = request([taxable('a', 999), taxable('b', 1)], { shipping: { rateId: 'r', taxClass: null, amount: 1 } });
        expect(await (0, tax_provider_1.builtInTaxProvider)(bc).calculateTax(asked)).toEqual((0, tax_1.taxByRules)(asked, bc));
    });
});
describe('checking a tax provider answer', () => {
    const asked = request([taxable('a', 1000)]);
    const line = (amount) => ({ ruleId: 'x', title: 'x', rateBasisPoints: 0, amount });
    it('accepts whole non-negative amounts for lines it asked about, and lines left out', () => {
        expect(() => (0, tax_provider_1.checkTaxAnswer)(asked, { lines: [{ lineId: 'a', taxLines: [line(5)] }], shipping: [] })).not.toThrow();
        expect(() => (0, tax_provider_1.checkTaxAnswer)(asked, { lines: [], shipping: [] })).not.toThrow();
    });
    it.each([
        ['a line it was not asked about', { lines: [{ lineId: 'z', taxLines: [] }], shipping: [] }],
        [
            'a line twice',
            {
                lines: [
                    { lineId: 'a', taxLines: [] },
                    { lineId: 'a', taxLines: [] },
                ],
                shipping: [],
            },
        ],
        ['a negative tax', { lines: [{ lineId: 'a', taxLines: [line(-1)] }], shipping: [] }],
        ['a fractional tax', { lines: [{ lineId: 'a', taxLines: [line(0.5)] }], shipping: [] }],
        ['tax on shipping it was not asked about', { lines: [], shipping: [line(3)] }],
    ])('refuses %s', (_, answer) => {
        expect(() => (0, tax_provider_1.checkTaxAnswer)(asked, answer)).toThrow(RangeError);
    });
});
//# sourceMappingURL=tax.test.js.map