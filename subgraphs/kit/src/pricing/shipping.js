"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.shippingAmountOf = shippingAmountOf;
exports.shippingAfterDiscounts = shippingAfterDiscounts;
/** The shipping stage's input: the chosen rate's amount (nothing before a rate is chosen). */
function shippingAmountOf(rate) {
    return rate === null ? 0n : BigInt(rate.amount);
}
/**
 * The shipping stage: the chosen rate minus its discounts. The promotions stage never takes more than
 * shipping has left, so a result below zero is a bug and throws rather than being hidden by a clamp.
 */
function shippingAfterDiscounts(amount, discounts) {
    const left = discounts.reduce((rest, discount) => rest - discount, amount);
    if (left < 0n)
        throw new RangeError(`pricing: shipping discounts ${discounts.join(' + ')} exceed the rate ${amount}`);
    return left;
}
//# sourceMappingURL=shipping.js.map