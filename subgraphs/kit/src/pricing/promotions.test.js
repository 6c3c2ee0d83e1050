"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const exact_amount_1 = require("./exact-amount");
const line_prices_1 = require("./line-prices");
const promotions_1 = require("./promotions");
const pricing_fixtures_1 = require("../../test/support/pricing-fixtures");
const rounding_1 = require("./rounding");
function stageFor(lines, promotions, options = {}) {
    const amounts = (0, line_prices_1.priceLines)(lines);
    return (0, promotions_1.applyPromotions)({
        lines: amounts,
        lineRank: amounts.map((_, index) => index),
        shippingAmount: 0n,
        promotions,
        codes: [],
        now: pricing_fixtures_1.NOW,
        rounding: (0, rounding_1.roundingPolicyOf)('PER_LINE'),
        ...options,
    });
}
const total = (shares) => Number((0, exact_amount_1.sum)(shares).numerator);
const savings = (stage) => stage.applied.map(({ promotion, shares }) => [promotion.promotionId, total(shares.lines) + total([shares.shipping])]);
const percent = (basisPoints) => ({ kind: 'PERCENTAGE', basisPoints });
const fixed = (amount) => ({ kind: 'FIXED_AMOUNT', amount });
const cart = [(0, pricing_fixtures_1.pricingLine)('a', 6000, 1), (0, pricing_fixtures_1.pricingLine)('b', 4000, 1)];
describe('promotions stage', () => {
    it('applies in priority order, each on what the previous left', () => {
        const tenPercentFirst = stageFor(cart, [(0, pricing_fixtures_1.promotion)('off-10', fixed(1000), { priority: 2 }), (0, pricing_fixtures_1.promotion)('ten', percent(1000), { priority: 1 })]);
        expect(savings(tenPercentFirst)).toEqual([
            ['ten', 1000],
            ['off-10', 1000],
        ]);
        const fixedFirst = stageFor(cart, [(0, pricing_fixtures_1.promotion)('off-10', fixed(1000), { priority: 1 }), (0, pricing_fixtures_1.promotion)('ten', percent(1000), { priority: 2 })]);
        expect(savings(fixedFirst)).toEqual([
            ['off-10', 1000],
            ['ten', 900],
        ]);
    });
    it('breaks priority ties by promotionId', () => {
        expect(savings(stageFor(cart, [(0, pricing_fixtures_1.promotion)('b', percent(1000)), (0, pricing_fixtures_1.promotion)('a', fixed(1000))]))).toEqual([
            ['a', 1000],
            ['b', 900],
        ]);
    });
    it('gives a code on top of a 100 % promotion nothing left to take', () => {
        const stage = stageFor(cart, [(0, pricing_fixtures_1.promotion)('all', percent(10_000)), (0, pricing_fixtures_1.promotion)('code', percent(1000), { code: 'SAVE10', priority: 1 })], { codes: ['SAVE10'] });
        expect(savings(stage)).toEqual([
            ['all', 10_000],
            ['code', 0],
        ]);
    });
    it('lets a non-combinable promotion apply alone when it saves more than the combinable set', () => {
        const stage = stageFor(cart, [
            (0, pricing_fixtures_1.promotion)('ten', percent(1000)),
            (0, pricing_fixtures_1.promotion)('five-off', fixed(500)),
            (0, pricing_fixtures_1.promotion)('quarter', percent(2500), { combinable: false, priority: 5 }),
        ]);
        expect(savings(stage)).toEqual([['quarter', 2500]]);
        expect(stage.rejected).toEqual([
            { promotionId: 'five-off', code: null, reason: 'NOT_COMBINABLE' },
            { promotionId: 'ten', code: null, reason: 'NOT_COMBINABLE' },
        ]);
    });
    it('keeps the combinable set when it saves more, and the best of several non-combinable ones otherwise', () => {
        const stage = stageFor(cart, [
            (0, pricing_fixtures_1.promotion)('ten', percent(1000)),
            (0, pricing_fixtures_1.promotion)('ten-off', fixed(1000)),
            (0, pricing_fixtures_1.promotion)('fifteen', percent(1500), { combinable: false }),
        ]);
        expect(savings(stage)).toEqual([
            ['ten', 1000],
            ['ten-off', 1000],
        ]);
        expect(stage.rejected).toEqual([{ promotionId: 'fifteen', code: null, reason: 'NOT_COMBINABLE' }]);
        const alone = stageFor(cart, [(0, pricing_fixtures_1.promotion)('x', percent(1500), { combinable: false }), (0, pricing_fixtures_1.promotion)('y', percent(2000), { combinable: false, priority: 3 })]);
        expect(savings(alone)).toEqual([['y', 2000]]);
    });
    it('gives a tie to the candidate that comes first in priority order', () => {
        const stage = stageFor(cart, [
            (0, pricing_fixtures_1.promotion)('later', fixed(1000), { combinable: false, priority: 2 }),
            (0, pricing_fixtures_1.promotion)('first', percent(1000), { combinable: false, priority: 1 }),
        ]);
        expect(savings(stage)).toEqual([['first', 1000]]);
    });
    it('counts a code promotion only when its code was entered, in any case, and reports codes no promotion has', () => {
        const promotions = [(0, pricing_fixtures_1.promotion)('code', percent(1000), { code: 'SAVE10' }), (0, pricing_fixtures_1.promotion)('other', percent(5000), { code: 'HALF' })];
        const stage = stageFor(cart, promotions, { codes: ['save10', 'NOPE', 'SAVE10'] });
        expect(savings(stage)).toEqual([['code', 1000]]);
        expect(stage.rejected).toEqual([{ promotionId: null, code: 'NOPE', reason: 'UNKNOWN_CODE' }]);
    });
    it('reports why each other promotion did not apply', () => {
        const stage = stageFor(cart, [
            (0, pricing_fixtures_1.promotion)('future', percent(1000), { startsAt: new Date(pricing_fixtures_1.NOW.getTime() + 1000) }),
            (0, pricing_fixtures_1.promotion)('past', percent(1000), { code: 'OLD', endsAt: pricing_fixtures_1.NOW }),
            (0, pricing_fixtures_1.promotion)('elsewhere', percent(1000), { target: (0, pricing_fixtures_1.linesTarget)({ productIds: ['nothing'] }) }),
            (0, pricing_fixtures_1.promotion)('big-spender', percent(1000), { minimumSubtotal: 10_001 }),
        ], { codes: ['OLD'] });
        expect(stage.applied).toEqual([]);
        expect(stage.rejected).toEqual([
            { promotionId: 'big-spender', code: null, reason: 'MINIMUM_NOT_MET' },
            { promotionId: 'elsewhere', code: null, reason: 'NO_TARGET_LINES' },
            { promotionId: 'future', code: null, reason: 'NOT_STARTED' },
            { promotionId: 'past', code: 'OLD', reason: 'EXPIRED' },
        ]);
    });
    it('counts free shipping as a saving when choosing between candidates', () => {
        const stage = stageFor(cart, [(0, pricing_fixtures_1.promotion)('ship', { kind: 'FREE_SHIPPING' }, { combinable: false }), (0, pricing_fixtures_1.promotion)('five', percent(500))], {
            shippingAmount: 1500n,
        });
        expect(savings(stage)).toEqual([['ship', 1500]]);
    });
    it('applies a promotion listed twice once', () => {
        const twice = (0, pricing_fixtures_1.promotion)('ten', percent(1000));
        expect(savings(stageFor(cart, [twice, twice]))).toEqual([['ten', 1000]]);
    });
});
//# sourceMappingURL=promotions.test.js.map