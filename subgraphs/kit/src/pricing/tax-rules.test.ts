import { taxRule } from '../../test/support/pricing-fixtures';
import type { PricingAddress } from './pricing.types';
import { taxRulesForAddress, taxRulesForClass } from './tax-rules';

const rules = [
  taxRule('ca-gst', 500),
  taxRule('bc-pst', 700, { provinceCode: 'BC' }),
  taxRule('bc-gst', 500, { provinceCode: 'BC' }),
  taxRule('bc-books', 0, { provinceCode: 'BC', taxClass: 'books' }),
  taxRule('van-v6', 100, { provinceCode: 'BC', postalCodePrefix: 'V6' }),
  taxRule('van-v6b', 200, { postalCodePrefix: 'v6b' }),
  taxRule('on-m', 1300, { provinceCode: 'ON', postalCodePrefix: 'M' }),
  taxRule('us', 0, { countryCode: 'US' }),
];
const address = (provinceCode: string | null, postalCode: string | null, countryCode = 'CA'): PricingAddress => ({ countryCode, provinceCode, postalCode });
const ids = (found: { ruleId: string }[]) => found.map(({ ruleId }) => ruleId);

describe('tax rule matching', () => {
  it('falls back to the country when nothing more specific matches', () => {
    expect(ids(taxRulesForAddress(address('AB', 'T2P 1J9'), rules))).toEqual(['ca-gst']);
    expect(ids(taxRulesForAddress(address(null, null), rules))).toEqual(['ca-gst']);
  });

  it('prefers the province over the country, with every rule of that level', () => {
    expect(ids(taxRulesForAddress(address('BC', 'V5K 0A1'), rules))).toEqual(['bc-books', 'bc-gst', 'bc-pst']);
  });

  it('prefers the longest matching postal prefix, ignoring spaces and case', () => {
    expect(ids(taxRulesForAddress(address('BC', 'v6b 1a1'), rules))).toEqual(['van-v6b']);
    expect(ids(taxRulesForAddress(address('BC', 'V6A 1A1'), rules))).toEqual(['van-v6']);
  });

  it('needs a prefix rule with a province to match the province too', () => {
    expect(ids(taxRulesForAddress(address('QC', 'M5V 2T6'), rules))).toEqual(['ca-gst']);
    expect(ids(taxRulesForAddress(address('ON', 'M5V 2T6'), rules))).toEqual(['on-m']);
  });

  it('matches nothing in a country without rules', () => {
    expect(taxRulesForAddress(address(null, '75001', 'FR'), rules)).toEqual([]);
  });

  it('charges a tax class only the rules of its class at the chosen level', () => {
    const bc = taxRulesForAddress(address('BC', 'V5K 0A1'), rules);
    expect(ids(taxRulesForClass(bc, null))).toEqual(['bc-gst', 'bc-pst']);
    expect(ids(taxRulesForClass(bc, 'books'))).toEqual(['bc-books']);
    expect(taxRulesForClass(bc, 'food')).toEqual([]);
  });
});
