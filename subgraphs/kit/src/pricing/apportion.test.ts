import { apportion, proportionalShares, rankByIds } from './apportion';
import { exact } from './exact-amount';

describe('apportion', () => {
  it('gives floors, then one unit each to the largest remainders', () => {
    expect(apportion(10n, [exact(10, 3), exact(10, 3), exact(10, 3)])).toEqual([4n, 3n, 3n]);
    expect(apportion(3n, [exact(7, 10), exact(12, 10), exact(11, 10)])).toEqual([1n, 1n, 1n]);
    expect(apportion(2n, [exact(7, 10), exact(1, 5), exact(11, 10)])).toEqual([1n, 0n, 1n]);
  });

  it('breaks ties by rank, not by position', () => {
    expect(apportion(1n, [exact(1, 2), exact(1, 2)], [1, 0])).toEqual([0n, 1n]);
    expect(apportion(1n, [exact(1, 2), exact(1, 2)], [0, 1])).toEqual([1n, 0n]);
  });

  it('never gives a whole share an extra unit', () => {
    expect(apportion(2n, [exact(1), exact(1, 2), exact(1, 2)])).toEqual([1n, 1n, 0n]);
  });

  it('refuses a total outside the floors and ceilings', () => {
    expect(() => apportion(3n, [exact(1, 2), exact(1, 2)])).toThrow(RangeError);
    expect(() => apportion(-1n, [exact(1, 2)])).toThrow(RangeError);
  });
});

describe('proportional shares', () => {
  it('splits exactly in proportion, and nothing over no weight', () => {
    expect(proportionalShares(exact(100), [exact(1), exact(3)])).toEqual([exact(25), exact(75)]);
    expect(proportionalShares(exact(10), [exact(1), exact(1), exact(1)])).toEqual([exact(10, 3), exact(10, 3), exact(10, 3)]);
    expect(proportionalShares(exact(10), [exact(0), exact(0)])).toEqual([exact(0), exact(0)]);
  });
});

describe('rank by ids', () => {
  it('ranks in code-unit order whatever the input order', () => {
    expect(rankByIds(['b', 'a', 'c'])).toEqual([1, 0, 2]);
    expect(rankByIds(['line-10', 'line-9', 'Line-1'])).toEqual([1, 2, 0]);
  });
});
