import { add, compare, divide, exact, floor, fractionalPart, multiply, roundHalfEven, subtract, sum, toMinorUnits } from './exact-amount';

describe('exact amounts', () => {
  it('keeps fractions reduced and exact', () => {
    expect(exact(10, 4)).toEqual({ numerator: 5n, denominator: 2n });
    expect(exact(3, -6)).toEqual({ numerator: -1n, denominator: 2n });
    expect(add(exact(1, 3), exact(1, 6))).toEqual(exact(1, 2));
    expect(subtract(exact(1, 3), exact(1, 2))).toEqual(exact(-1, 6));
    expect(multiply(exact(2, 3), exact(9, 4))).toEqual(exact(3, 2));
    expect(divide(exact(1), exact(3))).toEqual(exact(1, 3));
    expect(sum([exact(1, 3), exact(1, 3), exact(1, 3)])).toEqual(exact(1));
    expect(() => exact(1, 0)).toThrow(RangeError);
  });

  it('compares without converting to floats', () => {
    expect(compare(exact(1, 3), exact(333_333_333_333, 1_000_000_000_000))).toBe(1);
    expect(compare(exact(2, 4), exact(1, 2))).toBe(0);
    expect(compare(exact(-1, 2), exact(0))).toBe(-1);
  });

  it('floors towards minus infinity and keeps the fractional part in [0, 1)', () => {
    expect(floor(exact(7, 2))).toBe(3n);
    expect(floor(exact(-7, 2))).toBe(-4n);
    expect(floor(exact(-4))).toBe(-4n);
    expect(fractionalPart(exact(-7, 2))).toEqual(exact(1, 2));
  });

  it('rounds half to even, and only exact halves', () => {
    expect(roundHalfEven(exact(5, 2))).toBe(2n);
    expect(roundHalfEven(exact(7, 2))).toBe(4n);
    expect(roundHalfEven(exact(-5, 2))).toBe(-2n);
    expect(roundHalfEven(exact(24_999, 10_000))).toBe(2n);
    expect(roundHalfEven(exact(25_001, 10_000))).toBe(3n);
    expect(roundHalfEven(exact(12))).toBe(12n);
  });

  it('refuses to hand back an amount a number cannot hold exactly', () => {
    expect(toMinorUnits(9_007_199_254_740_991n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toMinorUnits(9_007_199_254_740_992n)).toThrow(RangeError);
  });
});
