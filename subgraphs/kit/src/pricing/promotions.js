"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.applyPromotions = applyPromotions;
const exact_amount_1 = require("./exact-amount");
const promotion_eligibility_1 = require("./promotion-eligibility");
const promotion_values_1 = require("./promotion-values");
function byPriority(a, b) {
    return a.priority - b.priority || (a.promotionId < b.promotionId ? -1 : a.promotionId > b.promotionId ? 1 : 0);
}
/** Applies promotions one after the other, each to what the ones before it left. */
function applyInTurn(candidate, input) {
    let lineRemaining = input.lines.map(({ subtotal }) => (0, exact_amount_1.exact)(subtotal));
    let shippingRemaining = (0, exact_amount_1.exact)(input.shippingAmount);
    return candidate.map(({ promotion, targetIndexes }) => {
        const shares = (0, promotion_values_1.discountSharesOf)(promotion.value, {
            lines: input.lines,
            targetIndexes,
            lineRemaining,
            shippingRemaining,
            lineRank: input.lineRank,
            rounding: input.rounding,
        });
        lineRemaining = lineRemaining.map((remaining, index) => (0, exact_amount_1.subtract)(remaining, shares.lines[index]));
        shippingRemaining = (0, exact_amount_1.subtract)(shippingRemaining, shares.shipping);
        return { promotion, shares };
    });
}
/** What a set of applied promotions saves the shopper once rounded: line discounts plus shipping discounts, before tax. */
function savingOf(applied) {
    const lineShares = applied.flatMap(({ shares }) => shares.lines);
    return (0, exact_amount_1.roundHalfEven)((0, exact_amount_1.sum)(lineShares)) + (0, exact_amount_1.roundHalfEven)((0, exact_amount_1.sum)(applied.map(({ shares }) => shares.shipping)));
}
function rejectionOrder(a, b) {
    const key = (rejection) => [rejection.promotionId === null ? 1 : 0, rejection.promotionId ?? '', rejection.code ?? ''];
    const [ka, kb] = [key(a), key(b)];
    for (let index = 0; index < ka.length; index += 1)
        if (ka[index] !== kb[index])
            return ka[index] < kb[index] ? -1 : 1;
    return 0;
}
/**
 * The promotions stage. A promotion with a code counts only when the shopper entered that code (an
 * entered code no promotion has is UNKNOWN_CODE); each is checked for its window, target lines and
 * minimums; the eligible ones run in priority order (lower first, ties by promotionId), each on what
 * the previous left, so no line and no shipping ever goes below zero.
 * Combination: the combinable promotions apply together; a non-combinable one applies alone. Each
 * non-combinable promotion alone and the combinable set together are priced, and the one that saves the
 * shopper most (line and shipping discounts after rounding, before tax) wins; a tie goes to the candidate
 * whose first promotion comes first in priority order. Every promotion of the losing candidates is
 * rejected as NOT_COMBINABLE.
 */
function applyPromotions(input) {
    const rejected = [];
    const entered = [...new Set(input.codes.map((code) => code.toUpperCase()))];
    const knownCodes = new Set(input.promotions.flatMap(({ code }) => (code === null ? [] : [code.toUpperCase()])));
    for (const code of entered)
        if (!knownCodes.has(code))
            rejected.push({ promotionId: null, code, reason: 'UNKNOWN_CODE' });
    const seen = new Set();
    const eligible = [];
    for (const promotion of input.promotions) {
        if (seen.has(promotion.promotionId) || (promotion.code !== null && !entered.includes(promotion.code.toUpperCase())))
            continue;
        seen.add(promotion.promotionId);
        const eligibility = (0, promotion_eligibility_1.eligibilityOf)(promotion, input.lines, input.now);
        if (eligibility.eligible)
            eligible.push({ promotion, targetIndexes: eligibility.targetIndexes });
        else
            rejected.push({ promotionId: promotion.promotionId, code: promotion.code, reason: eligibility.reason });
    }
    eligible.sort((a, b) => byPriority(a.promotion, b.promotion));
    const combinable = eligible.filter(({ promotion }) => promotion.combinable);
    const candidates = [];
    for (const entry of eligible) {
        if (!entry.promotion.combinable)
            candidates.push([entry]);
        else if (entry === combinable[0])
            candidates.push(combinable);
    }
    let best = null;
    for (const candidate of candidates) {
        const applied = applyInTurn(candidate, input);
        const saving = savingOf(applied);
        if (best === null || saving > best.saving)
            best = { candidate, applied, saving };
    }
    for (const entry of eligible) {
        if (!best?.candidate.includes(entry))
            rejected.push({ promotionId: entry.promotion.promotionId, code: entry.promotion.code, reason: 'NOT_COMBINABLE' });
    }
    return { applied: best?.applied ?? [], rejected: rejected.sort(rejectionOrder) };
}
//# sourceMappingURL=promotions.js.map