"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.taxRulesForAddress = taxRulesForAddress;
exports.taxRulesForClass = taxRulesForClass;
function normalisedPostalCode(postalCode) {
    return postalCode.replace(/\s+/g, '').toUpperCase();
}
/** How specific a matching rule is: a postal prefix by its length, above any province, above the whole country; -1 when it does not match. */
function specificityOf(rule, address) {
    if (rule.countryCode.toUpperCase() !== address.countryCode.toUpperCase())
        return -1;
    if (rule.provinceCode !== null && rule.provinceCode.toUpperCase() !== address.provinceCode?.toUpperCase())
        return -1;
    if (rule.postalCodePrefix !== null) {
        const prefix = normalisedPostalCode(rule.postalCodePrefix);
        return address.postalCode !== null && normalisedPostalCode(address.postalCode).startsWith(prefix) ? 2 + prefix.length : -1;
    }
    return rule.provinceCode !== null ? 1 : 0;
}
/**
 * The rules of the most specific level that matches the address: the longest matching postal-code prefix
 * (spaces and case ignored), else the province, else the country. The level wins as a whole, for every
 * tax class: a province with rules of its own lists every tax due there (Canada's GST beside BC's PST).
 * Sorted by ruleId so the order of the tax lines does not depend on the order rules were loaded in.
 */
function taxRulesForAddress(address, rules) {
    const matching = rules.map((rule) => ({ rule, specificity: specificityOf(rule, address) })).filter(({ specificity }) => specificity >= 0);
    const level = Math.max(-1, ...matching.map(({ specificity }) => specificity));
    return matching
        .filter(({ specificity }) => specificity === level)
        .map(({ rule }) => rule)
        .sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}
/** The rules of a level that a tax class pays (null is the store's standard class). A class with no rule at that level pays no tax. */
function taxRulesForClass(levelRules, taxClass) {
    return levelRules.filter((rule) => rule.taxClass === taxClass);
}
//# sourceMappingURL=tax-rules.js.map