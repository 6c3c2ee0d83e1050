"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.apportion = apportion;
exports.proportionalShares = proportionalShares;
exports.rankByIds = rankByIds;
const exact_amount_1 = require("./exact-amount");
/**
 * Splits `total` whole minor units over exact shares by largest remainder: each share gets its floor,
 * and the units left over go one each to the largest fractional parts, ties to the lower `rank`
 * (the caller ranks lines by lineId, promotions by the order they applied in). A share never gets more
 * than its ceiling, so a share that fits under a whole-number limit still does after apportioning.
 * `total` must lie between the sum of the floors and the sum of the ceilings (rounding the shares' sum
 * to a whole unit always does); anything else is a bug in the caller and throws.
 */
function apportion(total, shares, rank = shares.map((_, index) => index)) {
    const parts = shares.map(exact_amount_1.floor);
    let unitsLeft = total - parts.reduce((a, b) => a + b, 0n);
    const fractional = shares
        .map((share, index) => ({ index, rest: (0, exact_amount_1.fractionalPart)(share) }))
        .filter(({ rest }) => !(0, exact_amount_1.isZero)(rest))
        .sort((a, b) => (0, exact_amount_1.compare)(b.rest, a.rest) || rank[a.index] - rank[b.index]);
    if (unitsLeft < 0n || unitsLeft > BigInt(fractional.length)) {
        throw new RangeError(`apportion: ${total} cannot be split over shares summing to ${(0, exact_amount_1.sum)(shares).numerator}/${(0, exact_amount_1.sum)(shares).denominator}`);
    }
    for (const { index } of fractional) {
        if (unitsLeft === 0n)
            break;
        parts[index] += 1n;
        unitsLeft -= 1n;
    }
    return parts;
}
/** `amount` split in proportion to `weights` (exact shares; a zero total weight gets nothing). */
function proportionalShares(amount, weights) {
    const totalWeight = (0, exact_amount_1.sum)(weights);
    if ((0, exact_amount_1.isZero)(totalWeight))
        return weights.map(() => (0, exact_amount_1.exact)(0));
    return weights.map((weight) => (0, exact_amount_1.multiply)(amount, (0, exact_amount_1.multiply)(weight, (0, exact_amount_1.exact)(totalWeight.denominator, totalWeight.numerator))));
}
/** Each id's position in plain code-unit order, for deterministic tie-breaks that no locale changes. */
function rankByIds(ids) {
    const sorted = ids.map((id, index) => ({ id, index })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.index - b.index));
    const rank = new Array(ids.length);
    sorted.forEach(({ index }, position) => (rank[index] = position));
    return rank;
}
//# sourceMappingURL=apportion.js.map