"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.freeUnitsOf = freeUnitsOf;
exports.discountSharesOf = discountSharesOf;
const exact_amount_1 = require("./exact-amount");
const WHOLE = 10000n;
function shareOf(amount, basisPoints) {
    return (0, exact_amount_1.multiply)(amount, (0, exact_amount_1.exact)(BigInt(basisPoints), WHOLE));
}
function onTargets(base, shareOfLine) {
    const shares = base.lines.map(() => exact_amount_1.ZERO);
    for (const index of base.targetIndexes)
        shares[index] = shareOfLine(index);
    return shares;
}
/** PERCENTAGE: that share of what each target line has left, rounded per line when the store rounds per line. */
function percentageOff(base, basisPoints) {
    return { lines: onTargets(base, (index) => base.rounding.roundShare(shareOf(base.lineRemaining[index], basisPoints))), shipping: exact_amount_1.ZERO };
}
/**
 * FIXED_AMOUNT: the amount over the target lines in proportion to what each has left; when the amount is
 * more than they have left together, they get everything they have left and the rest is lost (never below zero).
 */
function fixedAmountOff(base, amount) {
    const weights = base.targetIndexes.map((index) => base.lineRemaining[index]);
    if ((0, exact_amount_1.compare)((0, exact_amount_1.exact)(amount), (0, exact_amount_1.sum)(weights)) >= 0)
        return { lines: onTargets(base, (index) => base.lineRemaining[index]), shipping: exact_amount_1.ZERO };
    const spread = base.rounding.spread(BigInt(amount), weights, base.targetIndexes.map((index) => base.lineRank[index]));
    const shares = base.lines.map(() => exact_amount_1.ZERO);
    base.targetIndexes.forEach((index, position) => (shares[index] = spread[position]));
    return { lines: shares, shipping: exact_amount_1.ZERO };
}
/** Units that get the discount among `units` target units: `get` per `buy` bought, the last group partly if it goes past `buy`. */
function freeUnitsOf(units, buyQuantity, getQuantity) {
    const group = buyQuantity + getQuantity;
    return Math.floor(units / group) * getQuantity + Math.max(0, (units % group) - buyQuantity);
}
/**
 * BUY_X_GET_Y: the cheapest target units (by what a unit has left, ties by lineId) get `basisPoints` off;
 * the dearer ones are the units bought.
 */
function buyXGetYOff(base, value) {
    const unitLeft = (index) => (0, exact_amount_1.divide)(base.lineRemaining[index], (0, exact_amount_1.exact)(base.lines[index].line.quantity));
    const cheapestFirst = [...base.targetIndexes].sort((a, b) => (0, exact_amount_1.compare)(unitLeft(a), unitLeft(b)) || base.lineRank[a] - base.lineRank[b]);
    const units = base.targetIndexes.reduce((total, index) => total + base.lines[index].line.quantity, 0);
    let unitsToDiscount = freeUnitsOf(units, value.buyQuantity, value.getQuantity);
    const discountedUnits = new Map();
    for (const index of cheapestFirst) {
        const taken = Math.min(unitsToDiscount, base.lines[index].line.quantity);
        discountedUnits.set(index, taken);
        unitsToDiscount -= taken;
    }
    return {
        lines: onTargets(base, (index) => base.rounding.roundShare(shareOf((0, exact_amount_1.multiply)(unitLeft(index), (0, exact_amount_1.exact)(discountedUnits.get(index) ?? 0)), value.basisPoints))),
        shipping: exact_amount_1.ZERO,
    };
}
/** FREE_SHIPPING: `basisPoints` (all, by default) of what shipping has left. */
function shippingOff(base, basisPoints) {
    return { lines: base.lines.map(() => exact_amount_1.ZERO), shipping: base.rounding.roundShare(shareOf(base.shippingRemaining, basisPoints)) };
}
/** One promotion's discount, by the kind of its value. */
function discountSharesOf(value, base) {
    switch (value.kind) {
        case 'PERCENTAGE':
            return percentageOff(base, value.basisPoints);
        case 'FIXED_AMOUNT':
            return fixedAmountOff(base, value.amount);
        case 'BUY_X_GET_Y':
            return buyXGetYOff(base, value);
        case 'FREE_SHIPPING':
            return shippingOff(base, value.basisPoints ?? 10_000);
    }
}
//# sourceMappingURL=promotion-values.js.map