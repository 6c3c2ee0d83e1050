"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const apportion_1 = require("./apportion");
const exact_amount_1 = require("./exact-amount");
describe('apportion', () => {
    it('gives floors, then one unit each to the largest remainders', () => {
        expect((0, apportion_1.apportion)(10n, [(0, exact_amount_1.exact)(10, 3), (0, exact_amount_1.exact)(10, 3), (0, exact_amount_1.exact)(10, 3)])).toEqual([4n, 3n, 3n]);
        expect((0, apportion_1.apportion)(3n, [(0, exact_amount_1.exact)(7, 10), (0, exact_amount_1.exact)(12, 10), (0, exact_amount_1.exact)(11, 10)])).toEqual([1n, 1n, 1n]);
        expect((0, apportion_1.apportion)(2n, [(0, exact_amount_1.exact)(7, 10), (0, exact_amount_1.exact)(1, 5), (0, exact_amount_1.exact)(11, 10)])).toEqual([1n, 0n, 1n]);
    });
    it('breaks ties by rank, not by position', () => {
        expect((0, apportion_1.apportion)(1n, [(0, exact_amount_1.exact)(1, 2), (0, exact_amount_1.exact)(1, 2)], [1, 0])).toEqual([0n, 1n]);
        expect((0, apportion_1.apportion)(1n, [(0, exact_amount_1.exact)(1, 2), (0, exact_amount_1.exact)(1, 2)], [0, 1])).toEqual([1n, 0n]);
    });
    it('never gives a whole share an extra unit', () => {
        expect((0, apportion_1.apportion)(2n, [(0, exact_amount_1.exact)(1), (0, exact_amount_1.exact)(1, 2), (0, exact_amount_1.exact)(1, 2)])).toEqual([1n, 1n, 0n]);
    });
    it('refuses a total outside the floors and ceilings', () => {
        expect(() => (0, apportion_1.apportion)(3n, [(0, exact_amount_1.exact)(1, 2), (0, exact_amount_1.exact)(1, 2)])).toThrow(RangeError);
        expect(() => (0, apportion_1.apportion)(-1n, [(0, exact_amount_1.exact)(1, 2)])).toThrow(RangeError);
    });
});
describe('proportional shares', () => {
    it('splits exactly in proportion, and nothing over no weight', () => {
        expect((0, apportion_1.proportionalShares)((0, exact_amount_1.exact)(100), [(0, exact_amount_1.exact)(1), (0, exact_amount_1.exact)(3)])).toEqual([(0, exact_amount_1.exact)(25), (0, exact_amount_1.exact)(75)]);
        expect((0, apportion_1.proportionalShares)((0, exact_amount_1.exact)(10), [(0, exact_amount_1.exact)(1), (0, exact_amount_1.exact)(1), (0, exact_amount_1.exact)(1)])).toEqual([(0, exact_amount_1.exact)(10, 3), (0, exact_amount_1.exact)(10, 3), (0, exact_amount_1.exact)(10, 3)]);
        expect((0, apportion_1.proportionalShares)((0, exact_amount_1.exact)(10), [(0, exact_amount_1.exact)(0), (0, exact_amount_1.exact)(0)])).toEqual([(0, exact_amount_1.exact)(0), (0, exact_amount_1.exact)(0)]);
    });
});
describe('rank by ids', () => {
    it('ranks in code-unit order whatever the input order', () => {
        expect((0, apportion_1.rankByIds)(['b', 'a', 'c'])).toEqual([1, 0, 2]);
        expect((0, apportion_1.rankByIds)(['line-10', 'line-9', 'Line-1'])).toEqual([1, 2, 0]);
    });
});
//# sourceMappingURL=apportion.test.js.map