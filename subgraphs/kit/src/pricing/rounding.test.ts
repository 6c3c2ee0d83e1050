import { exact } from './exact-amount';
import { roundingPolicyOf, settleByColumns, settleByRows } from './rounding';

describe('rounding policy', () => {
  it('PER_LINE rounds each share half-even and spreads whole units by largest remainder', () => {
    const policy = roundingPolicyOf('PER_LINE');
    expect(policy.roundShare(exact(5, 2))).toEqual(exact(2));
    expect(policy.roundShare(exact(15, 2))).toEqual(exact(8));
    expect(policy.spread(100n, [exact(1), exact(1), exact(1)], [2, 0, 1])).toEqual([exact(33), exact(34), exact(33)]);
  });

  it('PER_ORDER keeps shares exact', () => {
    const policy = roundingPolicyOf('PER_ORDER');
    expect(policy.roundShare(exact(5, 2))).toEqual(exact(5, 2));
    expect(policy.spread(100n, [exact(1), exact(1), exact(1)], [0, 1, 2])).toEqual([exact(100, 3), exact(100, 3), exact(100, 3)]);
  });
});

describe('settling exact shares into whole units', () => {
  it('by rows: rounds the grand total once, then lines, then their cells', () => {
    // two lines of 5 with 10 % off: 0.5 + 0.5 = 1 in total, which goes to the first-ranked line
    expect(settleByRows([[exact(1, 2)], [exact(1, 2)]], [0, 1])).toEqual([[1n], [0n]]);
    expect(settleByRows([[exact(1, 2)], [exact(1, 2)]], [1, 0])).toEqual([[0n], [1n]]);
    // a row of two promotions' halves: the row total 1 goes to the first promotion
    expect(settleByRows([[exact(1, 2), exact(1, 2)]], [0])).toEqual([[1n, 0n]]);
  });

  it('by rows: a row never goes above the ceiling of its exact sum', () => {
    const settled = settleByRows([[exact(1, 3)], [exact(1, 3)], [exact(1, 3)], [exact(2)]], [0, 1, 2, 3]);
    expect(settled).toEqual([[1n], [0n], [0n], [2n]]);
  });

  it('by columns: rounds each column once and spreads it over the rows', () => {
    // GST 5 % and PST 7 % on two lines of 105: 10.5 → 10 and 14.7 → 15, each rounded once over both lines
    const table = [
      [exact(525, 100), exact(735, 100)],
      [exact(525, 100), exact(735, 100)],
    ];
    expect(settleByColumns(table, 2, [0, 1])).toEqual([
      [5n, 8n],
      [5n, 7n],
    ]);
  });

  it('changes nothing when every share is already whole', () => {
    const table = [
      [exact(3), exact(0)],
      [exact(1), exact(7)],
    ];
    expect(settleByRows(table, [0, 1])).toEqual([
      [3n, 0n],
      [1n, 7n],
    ]);
    expect(settleByColumns(table, 2, [0, 1])).toEqual([
      [3n, 0n],
      [1n, 7n],
    ]);
  });
});
