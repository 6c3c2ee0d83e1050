"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const exact_amount_1 = require("./exact-amount");
describe('exact amounts', () => {
    it('keeps fractions reduced and exact', () => {
        expect((0, exact_amount_1.exact)(10, 4)).toEqual({ numerator: 5n, denominator: 2n });
        expect((0, exact_amount_1.exact)(3, -6)).toEqual({ numerator: -1n, denominator: 2n });
        expect((0, exact_amount_1.add)((0, exact_amount_1.exact)(1, 3), (0, exact_amount_1.exact)(1, 6))).toEqual((0, exact_amount_1.exact)(1, 2));
        expect((0, exact_amount_1.subtract)((0, exact_amount_1.exact)(1, 3), (0, exact_amount_1.exact)(1, 2))).toEqual((0, exact_amount_1.exact)(-1, 6));
        expect((0, exact_amount_1.multiply)((0, exact_amount_1.exact)(2, 3), (0, exact_amount_1.exact)(9, 4))).toEqual((0, exact_amount_1.exact)(3, 2));
        expect((0, exact_amount_1.divide)((0, exact_amount_1.exact)(1), (0, exact_amount_1.exact)(3))).toEqual((0, exact_amount_1.exact)(1, 3));
        expect((0, exact_amount_1.sum)([(0, exact_amount_1.exact)(1, 3), (0, exact_amount_1.exact)(1, 3), (0, exact_amount_1.exact)(1, 3)])).toEqual((0, exact_amount_1.exact)(1));
        expect(() => (0, exact_amount_1.exact)(1, 0)).toThrow(RangeError);
    });
    it('compares without converting to floats', () => {
        expect((0, exact_amount_1.compare)((0, exact_amount_1.exact)(1, 3), (0, exact_amount_1.exact)(333_333_333_333, 1_000_000_000_000))).toBe(1);
        expect((0, exact_amount_1.compare)((0, exact_amount_1.exact)(2, 4), (0, exact_amount_1.exact)(1, 2))).toBe(0);
        expect((0, exact_amount_1.compare)((0, exact_amount_1.exact)(-1, 2), (0, exact_amount_1.exact)(0))).toBe(-1);
    });
    it('floors towards minus infinity and keeps the fractional part in [0, 1)', () => {
        expect((0, exact_amount_1.floor)((0, exact_amount_1.exact)(7, 2))).toBe(3n);
        expect((0, exact_amount_1.floor)((0, exact_amount_1.exact)(-7, 2))).toBe(-4n);
        expect((0, exact_amount_1.floor)((0, exact_amount_1.exact)(-4))).toBe(-4n);
        expect((0, exact_amount_1.fractionalPart)((0, exact_amount_1.exact)(-7, 2))).toEqual((0, exact_amount_1.exact)(1, 2));
    });
    it('rounds half to even, and only exact halves', () => {
        expect((0, exact_amount_1.roundHalfEven)((0, exact_amount_1.exact)(5, 2))).toBe(2n);
        expect((0, exact_amount_1.roundHalfEven)((0, exact_amount_1.exact)(7, 2))).toBe(4n);
        expect((0, exact_amount_1.roundHalfEven)((0, exact_amount_1.exact)(-5, 2))).toBe(-2n);
        expect((0, exact_amount_1.roundHalfEven)((0, exact_amount_1.exact)(24_999, 10_000))).toBe(2n);
        expect((0, exact_amount_1.roundHalfEven)((0, exact_amount_1.exact)(25_001, 10_000))).toBe(3n);
        expect((0, exact_amount_1.roundHalfEven)((0, exact_amount_1.exact)(12))).toBe(12n);
    });
    it('refuses to hand back an amount a number cannot hold exactly', () => {
        expect((0, exact_amount_1.toMinorUnits)(9007199254740991n)).toBe(Number.MAX_SAFE_INTEGER);
        expect(() => (0, exact_amount_1.toMinorUnits)(9007199254740992n)).toThrow(RangeError);
    });
});
//# sourceMappingURL=exact-amount.test.js.map