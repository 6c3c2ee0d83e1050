"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.targetIndexesOf = targetIndexesOf;
exports.eligibilityOf = eligibilityOf;
/** Indexes of the lines a target looks at: every line for ORDER, else lines matching any listed product, variant or collection. */
function targetIndexesOf(target, lines) {
    const indexes = lines.map((_, index) => index);
    if (target.kind === 'ORDER')
        return indexes;
    return indexes.filter((index) => {
        const { line } = lines[index];
        return (target.productIds.includes(line.productId) ||
            target.variantIds.includes(line.variantId) ||
            line.collectionIds.some((collectionId) => target.collectionIds.includes(collectionId)));
    });
}
/** Units a promotion needs on its target lines: its own minimum, and for BUY_X_GET_Y at least one whole "buy X, get one". */
function minimumQuantityOf(promotion) {
    if (promotion.value.kind !== 'BUY_X_GET_Y')
        return promotion.minimumQuantity;
    return Math.max(promotion.minimumQuantity ?? 0, promotion.value.buyQuantity + 1);
}
/**
 * Whether a promotion applies to these lines at `now`, checked in this order: its window (startsAt
 * inclusive, endsAt exclusive), its target lines (at least one), then its minimums, measured on the
 * target lines before any discount.
 */
function eligibilityOf(promotion, lines, now) {
    if (promotion.startsAt && now.getTime() < promotion.startsAt.getTime())
        return { eligible: false, reason: 'NOT_STARTED' };
    if (promotion.endsAt && now.getTime() >= promotion.endsAt.getTime())
        return { eligible: false, reason: 'EXPIRED' };
    const targetIndexes = targetIndexesOf(promotion.target, lines);
    if (targetIndexes.length === 0)
        return { eligible: false, reason: 'NO_TARGET_LINES' };
    const targetSubtotal = targetIndexes.reduce((total, index) => total + lines[index].subtotal, 0n);
    const targetQuantity = targetIndexes.reduce((total, index) => total + lines[index].line.quantity, 0);
    const minimumQuantity = minimumQuantityOf(promotion);
    if (promotion.minimumSubtotal !== null && targetSubtotal < BigInt(promotion.minimumSubtotal))
        return { eligible: false, reason: 'MINIMUM_NOT_MET' };
    if (minimumQuantity !== null && targetQuantity < minimumQuantity)
        return { eligible: false, reason: 'MINIMUM_NOT_MET' };
    return { eligible: true, targetIndexes };
}
//# sourceMappingURL=promotion-eligibility.js.map