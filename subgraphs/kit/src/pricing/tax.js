"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.taxByRules = taxByRules;
const apportion_1 = require("./apportion");
const exact_amount_1 = require("./exact-amount");
const rounding_1 = require("./rounding");
const tax_rules_1 = require("./tax-rules");
const WHOLE = 10000n;
/**
 * One rule's exact tax on an amount taxed by `applicable` rules together: added on top when prices
 * exclude tax (amount × rate); extracted when they include it (amount × rate / (1 + sum of the rates),
 * so that two taxes in one price are both taken out of the same net amount). Taxes never compound.
 */
function exactTax(amount, rule, applicable, pricesIncludeTax) {
    const combinedRate = applicable.reduce((total, { rateBasisPoints }) => total + BigInt(rateBasisPoints), 0n);
    const denominator = pricesIncludeTax ? WHOLE + combinedRate : WHOLE;
    return (0, exact_amount_1.multiply)((0, exact_amount_1.exact)(amount), (0, exact_amount_1.exact)(BigInt(rule.rateBasisPoints), denominator));
}
/**
 * The built-in tax stage: the rules of the most specific level matching the address, each line taxed by
 * the rules of its class on its amount after discounts, shipping by the rules of its own class. Rounded
 * per line (each tax of each line) or per order (each rule's total once, spread back over the lines).
 */
function taxByRules(request, rules) {
    const levelRules = (0, tax_rules_1.taxRulesForAddress)(request.address, rules);
    const rounding = (0, rounding_1.roundingPolicyOf)(request.settings.rounding);
    const taxed = [...request.lines, ...(request.shipping ? [request.shipping] : [])];
    const applicableByRow = taxed.map(({ taxClass }) => (0, tax_rules_1.taxRulesForClass)(levelRules, taxClass));
    const table = taxed.map(({ amount }, row) => levelRules.map((rule) => applicableByRow[row].includes(rule) ? rounding.roundShare(exactTax(amount, rule, applicableByRow[row], request.settings.pricesIncludeTax)) : exact_amount_1.ZERO));
    const rowRank = (0, apportion_1.rankByIds)(request.lines.map(({ lineId }) => lineId)).concat(request.lines.length);
    const settled = (0, rounding_1.settleByColumns)(table, levelRules.length, rowRank);
    const taxLinesOf = (row) => levelRules.flatMap((rule, column) => applicableByRow[row].includes(rule)
        ? [{ ruleId: rule.ruleId, title: rule.title, rateBasisPoints: rule.rateBasisPoints, amount: (0, exact_amount_1.toMinorUnits)(settled[row][column]) }]
        : []);
    return {
        lines: request.lines.map(({ lineId }, row) => ({ lineId, taxLines: taxLinesOf(row) })),
        shipping: request.shipping ? taxLinesOf(request.lines.length) : [],
    };
}
//# sourceMappingURL=tax.js.map