"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const pricing_fixtures_1 = require("../../test/support/pricing-fixtures");
const tax_rules_1 = require("./tax-rules");
const rules = [
    (0, pricing_fixtures_1.taxRule)('ca-gst', 500),
    (0, pricing_fixtures_1.taxRule)('bc-pst', 700, { provinceCode: 'BC' }),
    (0, pricing_fixtures_1.taxRule)('bc-gst', 500, { provinceCode: 'BC' }),
    (0, pricing_fixtures_1.taxRule)('bc-books', 0, { provinceCode: 'BC', taxClass: 'books' }),
    (0, pricing_fixtures_1.taxRule)('van-v6', 100, { provinceCode: 'BC', postalCodePrefix: 'V6' }),
    (0, pricing_fixtures_1.taxRule)('van-v6b', 200, { postalCodePrefix: 'v6b' }),
    (0, pricing_fixtures_1.taxRule)('on-m', 1300, { provinceCode: 'ON', postalCodePrefix: 'M' }),
    (0, pricing_fixtures_1.taxRule)('us', 0, { countryCode: 'US' }),
];
const address = (provinceCode, postalCode, countryCode = 'CA') => ({ countryCode, provinceCode, postalCode });
const ids = (found) => found.map(({ ruleId }) => ruleId);
describe('tax rule matching', () => {
    it('falls back to the country when nothing more specific matches', () => {
        expect(ids((0, tax_rules_1.taxRulesForAddress)(address('AB', 'T2P 1J9'), rules))).toEqual(['ca-gst']);
        expect(ids((0, tax_rules_1.taxRulesForAddress)(address(null, null), rules))).toEqual(['ca-gst']);
    });
    it('prefers the province over the country, with every rule of that level', () => {
        expect(ids((0, tax_rules_1.taxRulesForAddress)(address('BC', 'V5K 0A1'), rules))).toEqual(['bc-books', 'bc-gst', 'bc-pst']);
    });
    it('prefers the longest matching postal prefix, ignoring spaces and case', () => {
        expect(ids((0, tax_rules_1.taxRulesForAddress)(address('BC', 'v6b 1a1'), rules))).toEqual(['van-v6b']);
        expect(ids((0, tax_rules_1.taxRulesForAddress)(address('BC', 'V6A 1A1'), rules))).toEqual(['van-v6']);
    });
    it('needs a prefix rule with a province to match the province too', () => {
        expect(ids((0, tax_rules_1.taxRulesForAddress)(address('QC', 'M5V 2T6'), rules))).toEqual(['ca-gst']);
        expect(ids((0, tax_rules_1.taxRulesForAddress)(address('ON', 'M5V 2T6'), rules))).toEqual(['on-m']);
    });
    it('matches nothing in a country without rules', () => {
        expect((0, tax_rules_1.taxRulesForAddress)(address(null, '75001', 'FR'), rules)).toEqual([]);
    });
    it('charges a tax class only the rules of its class at the chosen level', () => {
        const bc = (0, tax_rules_1.taxRulesForAddress)(address('BC', 'V5K 0A1'), rules);
        expect(ids((0, tax_rules_1.taxRulesForClass)(bc, null))).toEqual(['bc-gst', 'bc-pst']);
        expect(ids((0, tax_rules_1.taxRulesForClass)(bc, 'books'))).toEqual(['bc-books']);
        expect((0, tax_rules_1.taxRulesForClass)(bc, 'food')).toEqual([]);
    });
});
//# sourceMappingURL=tax-rules.test.js.map