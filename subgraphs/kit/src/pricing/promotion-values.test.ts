import { type Exact, exact } from './exact-amount';
import { priceLines } from './line-prices';
import { type DiscountBase, discountSharesOf, freeUnitsOf } from './promotion-values';
import { pricingLine } from '../../test/support/pricing-fixtures';
import type { PricingLine, RoundingScope } from './pricing.types';
import { roundingPolicyOf } from './rounding';

function baseFor(lines: PricingLine[], scope: RoundingScope, options: { remaining?: Exact[]; shipping?: number; targets?: number[] } = {}): DiscountBase {
  const amounts = priceLines(lines);
  return {
    lines: amounts,
    targetIndexes: options.targets ?? amounts.map((_, index) => index),
    lineRemaining: options.remaining ?? amounts.map(({ subtotal }) => exact(subtotal)),
    shippingRemaining: exact(options.shipping ?? 0),
    lineRank: amounts.map((_, index) => index),
    rounding: roundingPolicyOf(scope),
  };
}

const whole = (shares: Exact[]) => shares.map((share) => (share.denominator === 1n ? Number(share.numerator) : `${share.numerator}/${share.denominator}`));

describe('PERCENTAGE', () => {
  const lines = [pricingLine('a', 5, 1), pricingLine('b', 15, 1), pricingLine('c', 1000, 1)];

  it('rounds each line half-even when the store rounds per line', () => {
    expect(whole(discountSharesOf({ kind: 'PERCENTAGE', basisPoints: 1000 }, baseFor(lines, 'PER_LINE')).lines)).toEqual([0, 2, 100]);
  });

  it('keeps exact shares when the store rounds per order', () => {
    expect(whole(discountSharesOf({ kind: 'PERCENTAGE', basisPoints: 1000 }, baseFor(lines, 'PER_ORDER')).lines)).toEqual(['1/2', '3/2', 100]);
  });

  it('takes its share of what is left, on target lines only', () => {
    const base = baseFor(lines, 'PER_LINE', { remaining: [exact(0), exact(10), exact(400)], targets: [1, 2] });
    expect(whole(discountSharesOf({ kind: 'PERCENTAGE', basisPoints: 5000 }, base).lines)).toEqual([0, 5, 200]);
  });
});

describe('FIXED_AMOUNT', () => {
  it('spreads in proportion to what lines have left', () => {
    const base = baseFor([pricingLine('a', 300, 1), pricingLine('b', 100, 1)], 'PER_LINE');
    expect(whole(discountSharesOf({ kind: 'FIXED_AMOUNT', amount: 100 }, base).lines)).toEqual([75, 25]);
  });

  it('gives the remainder by largest remainder, then by lineId', () => {
    const base = baseFor([pricingLine('c', 1000, 1), pricingLine('a', 1000, 1), pricingLine('b', 1000, 1)], 'PER_LINE');
    base.lineRank = [2, 0, 1];
    expect(whole(discountSharesOf({ kind: 'FIXED_AMOUNT', amount: 1000 }, base).lines)).toEqual([333, 334, 333]);
    expect(
      whole(
        discountSharesOf(
          { kind: 'FIXED_AMOUNT', amount: 1000 },
          baseFor([pricingLine('a', 1000, 1), pricingLine('b', 1000, 1), pricingLine('c', 1000, 1)], 'PER_ORDER'),
        ).lines,
      ),
    ).toEqual(['1000/3', '1000/3', '1000/3']);
  });

  it('takes at most what is left: 50.00 off 30.00 is 30.00', () => {
    const base = baseFor([pricingLine('a', 1000, 1), pricingLine('b', 2000, 1)], 'PER_LINE');
    expect(whole(discountSharesOf({ kind: 'FIXED_AMOUNT', amount: 5000 }, base).lines)).toEqual([1000, 2000]);
  });
});

describe('BUY_X_GET_Y', () => {
  it('counts the discounted units per group, the last group partly', () => {
    expect([2, 3, 5, 6, 7].map((units) => freeUnitsOf(units, 2, 1))).toEqual([0, 1, 1, 2, 2]);
    expect([2, 4, 5].map((units) => freeUnitsOf(units, 1, 2))).toEqual([1, 2, 3]);
    expect(freeUnitsOf(3, 0, 1)).toBe(3);
  });

  it('discounts the cheapest units of mixed prices', () => {
    const lines = [pricingLine('a', 1000, 2), pricingLine('b', 500, 1), pricingLine('c', 300, 1)];
    expect(whole(discountSharesOf({ kind: 'BUY_X_GET_Y', buyQuantity: 2, getQuantity: 1, basisPoints: 10_000 }, baseFor(lines, 'PER_LINE')).lines)).toEqual([
      0, 0, 300,
    ]);
    expect(whole(discountSharesOf({ kind: 'BUY_X_GET_Y', buyQuantity: 1, getQuantity: 1, basisPoints: 5000 }, baseFor(lines, 'PER_LINE')).lines)).toEqual([
      0, 250, 150,
    ]);
  });

  it('judges cheapness by what a unit has left after earlier promotions, ties by lineId', () => {
    const lines = [pricingLine('a', 1000, 1), pricingLine('b', 600, 1)];
    const base = baseFor(lines, 'PER_LINE', { remaining: [exact(400), exact(600)] });
    expect(whole(discountSharesOf({ kind: 'BUY_X_GET_Y', buyQuantity: 1, getQuantity: 1, basisPoints: 10_000 }, base).lines)).toEqual([400, 0]);
    const tie = baseFor([pricingLine('b', 500, 1), pricingLine('a', 500, 1)], 'PER_LINE');
    tie.lineRank = [1, 0];
    expect(whole(discountSharesOf({ kind: 'BUY_X_GET_Y', buyQuantity: 1, getQuantity: 1, basisPoints: 10_000 }, tie).lines)).toEqual([0, 500]);
  });

  it('takes part of a line when only some of its units are got', () => {
    const base = baseFor([pricingLine('a', 333, 3)], 'PER_LINE');
    expect(whole(discountSharesOf({ kind: 'BUY_X_GET_Y', buyQuantity: 2, getQuantity: 1, basisPoints: 5000 }, base).lines)).toEqual([166]);
  });
});

describe('FREE_SHIPPING', () => {
  it('takes all of what shipping has left, or its share', () => {
    const lines = [pricingLine('a', 1000, 1)];
    expect(discountSharesOf({ kind: 'FREE_SHIPPING' }, baseFor(lines, 'PER_LINE', { shipping: 1299 }))).toEqual({ lines: [exact(0)], shipping: exact(1299) });
    expect(discountSharesOf({ kind: 'FREE_SHIPPING', basisPoints: 5000 }, baseFor(lines, 'PER_LINE', { shipping: 333 })).shipping).toEqual(exact(166));
    expect(discountSharesOf({ kind: 'FREE_SHIPPING', basisPoints: 5000 }, baseFor(lines, 'PER_ORDER', { shipping: 333 })).shipping).toEqual(exact(333, 2));
  });
});
