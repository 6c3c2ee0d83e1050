"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.checkPricingInput = checkPricingInput;
const MAX_BASIS_POINTS = 10_000;
/** A tax rate above 1000 % is a typo, not a tax. */
const MAX_TAX_BASIS_POINTS = 100_000;
function requireWhole(value, path, least, most = Number.MAX_SAFE_INTEGER) {
    if (!Number.isSafeInteger(value) || value < least || value > most) {
        throw new RangeError(`pricing input: ${path} must be a whole number from ${least} to ${most}, not ${value}`);
    }
}
function checkPromotionValue(value, path) {
    switch (value.kind) {
        case 'PERCENTAGE':
            return requireWhole(value.basisPoints, `${path}.basisPoints`, 0, MAX_BASIS_POINTS);
        case 'FIXED_AMOUNT':
            return requireWhole(value.amount, `${path}.amount`, 0);
        case 'FREE_SHIPPING':
            return requireWhole(value.basisPoints ?? MAX_BASIS_POINTS, `${path}.basisPoints`, 0, MAX_BASIS_POINTS);
        case 'BUY_X_GET_Y':
            requireWhole(value.buyQuantity, `${path}.buyQuantity`, 0);
            requireWhole(value.getQuantity, `${path}.getQuantity`, 1);
            return requireWhole(value.basisPoints, `${path}.basisPoints`, 0, MAX_BASIS_POINTS);
    }
}
/**
 * Refuses input that breaks the engine's contract (negative or fractional money, a quantity below one,
 * a share above 100 %, a line id twice) with a RangeError naming the field. Callers validate what
 * shoppers and merchants type at their own boundary (as `UserError`s); reaching here is a bug.
 */
function checkPricingInput(input) {
    if (Number.isNaN(input.now.getTime()))
        throw new RangeError('pricing input: now is not a date');
    const lineIds = new Set();
    input.lines.forEach((line, index) => {
        if (lineIds.has(line.lineId))
            throw new RangeError(`pricing input: lines[${index}].lineId ${line.lineId} appears twice`);
        lineIds.add(line.lineId);
        requireWhole(line.unitPrice, `lines[${index}].unitPrice`, 0);
        requireWhole(line.quantity, `lines[${index}].quantity`, 1);
    });
    if (input.shippingRate)
        requireWhole(input.shippingRate.amount, 'shippingRate.amount', 0);
    input.promotions.forEach((promotion, index) => {
        checkPromotionValue(promotion.value, `promotions[${index}].value`);
        if (promotion.minimumSubtotal !== null)
            requireWhole(promotion.minimumSubtotal, `promotions[${index}].minimumSubtotal`, 0);
        if (promotion.minimumQuantity !== null)
            requireWhole(promotion.minimumQuantity, `promotions[${index}].minimumQuantity`, 0);
        if (!Number.isFinite(promotion.priority))
            throw new RangeError(`pricing input: promotions[${index}].priority must be a number`);
    });
    input.taxRules.forEach((rule, index) => requireWhole(rule.rateBasisPoints, `taxRules[${index}].rateBasisPoints`, 0, MAX_TAX_BASIS_POINTS));
}
//# sourceMappingURL=pricing-input-check.js.map