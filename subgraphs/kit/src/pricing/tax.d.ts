import type { TaxRule } from './pricing.types';
import type { TaxAnswer, TaxRequest } from './tax-provider';
/**
 * The built-in tax stage: the rules of the most specific level matching the address, each line taxed by
 * the rules of its class on its amount after discounts, shipping by the rules of its own class. Rounded
 * per line (each tax of each line) or per order (each rule's total once, spread back over the lines).
 */
export declare function taxByRules(request: TaxRequest, rules: readonly TaxRule[]): TaxAnswer;
