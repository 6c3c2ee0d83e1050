"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.builtInTaxProvider = builtInTaxProvider;
exports.checkTaxAnswer = checkTaxAnswer;
const tax_1 = require("./tax");
/** The default provider: the store's own rules (`taxByRules`), the same answer `priceCart` gives. */
function builtInTaxProvider(rules) {
    return { calculateTax: async (request) => (0, tax_1.taxByRules)(request, rules) };
}
/** Refuses an answer the engine cannot total honestly: a line it was not asked about, twice, or an amount that is not a whole non-negative number. */
function checkTaxAnswer(request, answer) {
    const asked = new Set(request.lines.map(({ lineId }) => lineId));
    const answered = new Set();
    const checkAmounts = (taxLines, what) => {
        for (const { amount, ruleId } of taxLines) {
            if (!Number.isSafeInteger(amount) || amount < 0)
                throw new RangeError(`tax provider: ${what} tax ${ruleId} is ${amount}, not a whole non-negative amount`);
        }
    };
    for (const { lineId, taxLines } of answer.lines) {
        if (!asked.has(lineId) || answered.has(lineId))
            throw new RangeError(`tax provider: answered line ${lineId} ${answered.has(lineId) ? 'twice' : 'that it was not asked about'}`);
        answered.add(lineId);
        checkAmounts(taxLines, `line ${lineId}`);
    }
    if (request.shipping === null && answer.shipping.some(({ amount }) => amount > 0))
        throw new RangeError('tax provider: taxed shipping that was not asked about');
    checkAmounts(answer.shipping, 'shipping');
}
//# sourceMappingURL=tax-provider.js.map