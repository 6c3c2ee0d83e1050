"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const exact_amount_1 = require("./exact-amount");
const rounding_1 = require("./rounding");
describe('rounding policy', () => {
    it('PER_LINE rounds each share half-even and spreads whole units by largest remainder', () => {
        const policy = (0, rounding_1.roundingPolicyOf)('PER_LINE');
        expect(policy.roundShare((0, exact_amount_1.exact)(5, 2))).toEqual((0, exact_amount_1.exact)(2));
        expect(policy.roundShare((0, exact_amount_1.exact)(15, 2))).toEqual((0, exact_amount_1.exact)(8));
        expect(policy.spread(100n, [(0, exact_amount_1.exact)(1), (0, exact_amount_1.exact)(1), (0, exact_amount_1.exact)(1)], [2, 0, 1])).toEqual([(0, exact_amount_1.exact)(33), (0, exact_amount_1.exact)(34), (0, exact_amount_1.exact)(33)]);
    });
    it('PER_ORDER keeps shares exact', () => {
        const policy = (0, rounding_1.roundingPolicyOf)('PER_ORDER');
        expect(policy.roundShare((0, exact_amount_1.exact)(5, 2))).toEqual((0, exact_amount_1.exact)(5, 2));
        expect(policy.spread(100n, [(0, exact_amount_1.exact)(1), (0, exact_amount_1.exact)(1), (0, exact_amount_1.exact)(1)], [0, 1, 2])).toEqual([(0, exact_amount_1.exact)(100, 3), (0, exact_amount_1.exact)(100, 3), (0, exact_amount_1.exact)(100, 3)]);
    });
});
describe('settling exact shares into whole units', () => {
    it('by rows: rounds the grand total once, then lines, then their cells', () => {
        // two lines of 5 with 10 % off: 0.5 + 0.5 = 1 in total, which goes to the first-ranked line
        expect((0, rounding_1.settleByRows)([[(0, exact_amount_1.exact)(1, 2)], [(0, exact_amount_1.exact)(1, 2)]], [0, 1])).toEqual([[1n], [0n]]);
        expect((0, rounding_1.settleByRows)([[(0, exact_amount_1.exact)(1, 2)], [(0, exact_amount_1.exact)(1, 2)]], [1, 0])).toEqual([[0n], [1n]]);
        // a row of two promotions' halves: the row total 1 goes to the first promotion
        expect((0, rounding_1.settleByRows)([[(0, exact_amount_1.exact)(1, 2), (0, exact_amount_1.exact)(1, 2)]], [0])).toEqual([[1n, 0n]]);
    });
    it('by rows: a row never goes above the ceiling of its exact sum', () => {
        const settled = (0, rounding_1.settleByRows)([[(0, exact_amount_1.exact)(1, 3)], [(0, exact_amount_1.exact)(1, 3)], [(0, exact_amount_1.exact)(1, 3)], [(0, exact_amount_1.exact)(2)]], [0, 1, 2, 3]);
        expect(settled).toEqual([[1n], [0n], [0n], [2n]]);
    });
    it('by columns: rounds each column once and spreads it over the rows', () => {
        // GST 5 % and PST 7 % on two lines of 105: 10.5 → 10 and 14.7 → 15, each rounded once over both lines
        const table = [
            [(0, exact_amount_1.exact)(525, 100), (0, exact_amount_1.exact)(735, 100)],
            [(0, exact_amount_1.exact)(525, 100), (0, exact_amount_1.exact)(735, 100)],
        ];
        expect((0, rounding_1.settleByColumns)(table, 2, [0, 1])).toEqual([
            [5n, 8n],
            [5n, 7n],
        ]);
    });
    it('changes nothing when every share is already whole', () => {
        const table = [
            [(0, exact_amount_1.exact)(3), (0, exact_amount_1.exact)(0)],
            [(0, exact_amount_1.exact)(1), (0, exact_amount_1.exact)(7)],
        ];
        expect((0, rounding_1.settleByRows)(table, [0, 1])).toEqual([
            [3n, 0n],
            [1n, 7n],
        ]);
        expect((0, rounding_1.settleByColumns)(table, 2, [0, 1])).toEqual([
            [3n, 0n],
            [1n, 7n],
        ]);
    });
});
//# sourceMappingURL=rounding.test.js.map