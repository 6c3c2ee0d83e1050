import type { PricingAddress, TaxRule } from './pricing.types';
/**
 * The rules of the most specific level that matches the address: the longest matching postal-code prefix
 * (spaces and case ignored), else the province, else the country. The level wins as a whole, for every
 * tax class: a province with rules of its own lists every tax due there (Canada's GST beside BC's PST).
 * Sorted by ruleId so the order of the tax lines does not depend on the order rules were loaded in.
 */
export declare function taxRulesForAddress(address: PricingAddress, rules: readonly TaxRule[]): TaxRule[];
/** The rules of a level that a tax class pays (null is the store's standard class). A class with no rule at that level pays no tax. */
export declare function taxRulesForClass(levelRules: readonly TaxRule[], taxClass: string | null): TaxRule[];
