"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.priceBeforeTax = priceBeforeTax;
exports.taxRequestOf = taxRequestOf;
exports.completePricing = completePricing;
const apportion_1 = require("./apportion");
const exact_amount_1 = require("./exact-amount");
const line_prices_1 = require("./line-prices");
const pricing_input_check_1 = require("./pricing-input-check");
const promotions_1 = require("./promotions");
const rounding_1 = require("./rounding");
const shipping_1 = require("./shipping");
const sumOf = (amounts) => amounts.reduce((total, amount) => total + amount, 0n);
/** Line prices → promotions → shipping, rounded where `settings.rounding` says (see `rounding.ts`). */
function priceBeforeTax(input) {
    (0, pricing_input_check_1.checkPricingInput)(input);
    const lines = (0, line_prices_1.priceLines)(input.lines);
    const lineRank = (0, apportion_1.rankByIds)(input.lines.map(({ lineId }) => lineId));
    const shippingAmount = (0, shipping_1.shippingAmountOf)(input.shippingRate);
    const { applied, rejected } = (0, promotions_1.applyPromotions)({
        lines,
        lineRank,
        shippingAmount,
        promotions: input.promotions,
        codes: input.codes,
        now: input.now,
        rounding: (0, rounding_1.roundingPolicyOf)(input.settings.rounding),
    });
    const lineDiscounts = (0, rounding_1.settleByRows)(lines.map((_, index) => applied.map(({ shares }) => shares.lines[index])), lineRank);
    const [shippingDiscounts] = (0, rounding_1.settleByRows)([applied.map(({ shares }) => shares.shipping)], [0]);
    return { input, lines, applied, rejected, lineDiscounts, shippingAmount, shippingDiscounts };
}
/** What the tax stage is asked, or null when no tax is due: no address yet, or a tax-exempt customer. */
function taxRequestOf(priced) {
    const { input } = priced;
    if (input.shippingAddress === null || input.customer.taxExempt)
        return null;
    return {
        settings: input.settings,
        lines: priced.lines.map(({ line, subtotal }, index) => ({
            lineId: line.lineId,
            variantId: line.variantId,
            productId: line.productId,
            quantity: line.quantity,
            taxClass: line.taxClass,
            amount: (0, exact_amount_1.toMinorUnits)(subtotal - sumOf(priced.lineDiscounts[index])),
        })),
        shipping: input.shippingRate && {
            rateId: input.shippingRate.rateId,
            taxClass: input.shippingRate.taxClass,
            amount: (0, exact_amount_1.toMinorUnits)((0, shipping_1.shippingAfterDiscounts)(priced.shippingAmount, priced.shippingDiscounts)),
        },
        address: input.shippingAddress,
        customer: input.customer,
    };
}
function allocations(applied, amounts) {
    return applied.flatMap(({ promotion }, index) => amounts[index] > 0n ? [{ promotionId: promotion.promotionId, code: promotion.code, amount: (0, exact_amount_1.toMinorUnits)(amounts[index]) }] : []);
}
/** Every tax of the order, one line per rule (lines and shipping together), by ruleId. */
function orderTaxLines(taxLines) {
    const byRule = new Map();
    for (const taxLine of taxLines) {
        const known = byRule.get(taxLine.ruleId);
        byRule.set(taxLine.ruleId, known ? { ...known, amount: known.amount + taxLine.amount } : { ...taxLine });
    }
    return [...byRule.values()].sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}
const taxOf = (taxLines) => sumOf(taxLines.map(({ amount }) => BigInt(amount)));
/**
 * Totals from the settled discounts and the tax stage's answer (null: no tax). Every total is a sum of
 * whole minor units, so lines sum to the order exactly: total = subtotal − discountTotal + shippingTotal
 * (+ taxTotal when prices exclude tax), and each line likewise.
 */
function completePricing(priced, tax) {
    const { input, applied } = priced;
    const taxAdded = !input.settings.pricesIncludeTax;
    const taxLinesByLine = new Map((tax?.lines ?? []).map(({ lineId, taxLines }) => [lineId, taxLines]));
    const lines = priced.lines.map(({ line, subtotal }, index) => {
        const discountTotal = sumOf(priced.lineDiscounts[index]);
        const taxLines = (taxLinesByLine.get(line.lineId) ?? []).map((taxLine) => ({ ...taxLine }));
        const taxTotal = taxOf(taxLines);
        return {
            lineId: line.lineId,
            quantity: line.quantity,
            unitPrice: line.unitPrice,
            subtotal: (0, exact_amount_1.toMinorUnits)(subtotal),
            discountTotal: (0, exact_amount_1.toMinorUnits)(discountTotal),
            taxTotal: (0, exact_amount_1.toMinorUnits)(taxTotal),
            total: (0, exact_amount_1.toMinorUnits)(subtotal - discountTotal + (taxAdded ? taxTotal : 0n)),
            discounts: allocations(applied, priced.lineDiscounts[index]),
            taxLines,
        };
    });
    const subtotal = sumOf(priced.lines.map((line) => line.subtotal));
    const discountTotal = sumOf(priced.lineDiscounts.map(sumOf));
    const shippingTotal = (0, shipping_1.shippingAfterDiscounts)(priced.shippingAmount, priced.shippingDiscounts);
    const shippingTaxLines = (tax?.shipping ?? []).map((taxLine) => ({ ...taxLine }));
    const shippingTaxTotal = taxOf(shippingTaxLines);
    const taxTotal = sumOf(lines.map((line) => BigInt(line.taxTotal))) + shippingTaxTotal;
    return {
        currencyCode: input.settings.currencyCode,
        lines,
        subtotal: (0, exact_amount_1.toMinorUnits)(subtotal),
        discountTotal: (0, exact_amount_1.toMinorUnits)(discountTotal),
        shippingTotal: (0, exact_amount_1.toMinorUnits)(shippingTotal),
        shippingDiscounts: allocations(applied, priced.shippingDiscounts),
        shippingTaxTotal: (0, exact_amount_1.toMinorUnits)(shippingTaxTotal),
        shippingTaxLines,
        taxTotal: (0, exact_amount_1.toMinorUnits)(taxTotal),
        total: (0, exact_amount_1.toMinorUnits)(subtotal - discountTotal + shippingTotal + (taxAdded ? taxTotal : 0n)),
        taxLines: orderTaxLines([...lines.flatMap((line) => line.taxLines), ...shippingTaxLines]),
        appliedPromotions: applied.map(({ promotion }, index) => ({
            promotionId: promotion.promotionId,
            title: promotion.title,
            code: promotion.code,
            amount: (0, exact_amount_1.toMinorUnits)(sumOf(priced.lineDiscounts.map((row) => row[index])) + priced.shippingDiscounts[index]),
        })),
        rejectedPromotions: priced.rejected,
    };
}
//# sourceMappingURL=pricing-chain.js.map