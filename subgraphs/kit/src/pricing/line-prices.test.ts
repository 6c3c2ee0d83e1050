import { priceLines } from './line-prices';
import { pricingLine } from '../../test/support/pricing-fixtures';

describe('line prices', () => {
  it('prices each line as unit price × quantity, in input order', () => {
    const lines = priceLines([pricingLine('b', 1999, 3), pricingLine('a', 0, 7)]);
    expect(lines.map(({ line, subtotal }) => [line.lineId, subtotal])).toEqual([
      ['b', 5997n],
      ['a', 0n],
    ]);
  });

  it('stays exact beyond what a 32-bit product would hold', () => {
    const [line] = priceLines([pricingLine('a', 10_000_000, 100)]);
    expect(line.subtotal).toBe(1_000_000_000n);
  });
});
