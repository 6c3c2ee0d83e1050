import { priceLines } from './line-prices';
import { eligibilityOf, targetIndexesOf } from './promotion-eligibility';
import { NOW, linesTarget, pricingLine, promotion } from '../../test/support/pricing-fixtures';

const lines = priceLines([
  pricingLine('shirt', 2000, 2, { productId: 'p-shirt', variantId: 'v-shirt-m', collectionIds: ['summer'] }),
  pricingLine('mug', 800, 1, { productId: 'p-mug', variantId: 'v-mug' }),
  pricingLine('hat', 1500, 1, { productId: 'p-hat', variantId: 'v-hat', collectionIds: ['summer', 'sale'] }),
]);
const tenPercent = { kind: 'PERCENTAGE', basisPoints: 1000 } as const;

describe('promotion targets', () => {
  it('ORDER looks at every line', () => {
    expect(targetIndexesOf({ kind: 'ORDER' }, lines)).toEqual([0, 1, 2]);
  });

  it('LINES matches any listed product, variant or collection', () => {
    expect(targetIndexesOf(linesTarget({ productIds: ['p-mug'] }), lines)).toEqual([1]);
    expect(targetIndexesOf(linesTarget({ variantIds: ['v-shirt-m'], collectionIds: ['sale'] }), lines)).toEqual([0, 2]);
    expect(targetIndexesOf(linesTarget({ collectionIds: ['winter'] }), lines)).toEqual([]);
  });
});

describe('promotion eligibility', () => {
  it('starts at startsAt (inclusive) and ends at endsAt (exclusive)', () => {
    expect(eligibilityOf(promotion('p', tenPercent, { startsAt: NOW }), lines, NOW)).toEqual({ eligible: true, targetIndexes: [0, 1, 2] });
    expect(eligibilityOf(promotion('p', tenPercent, { startsAt: new Date(NOW.getTime() + 1) }), lines, NOW)).toEqual({
      eligible: false,
      reason: 'NOT_STARTED',
    });
    expect(eligibilityOf(promotion('p', tenPercent, { endsAt: NOW }), lines, NOW)).toEqual({ eligible: false, reason: 'EXPIRED' });
    expect(eligibilityOf(promotion('p', tenPercent, { endsAt: new Date(NOW.getTime() + 1) }), lines, NOW).eligible).toBe(true);
  });

  it('needs at least one target line', () => {
    const target = linesTarget({ productIds: ['p-none'] });
    expect(eligibilityOf(promotion('p', tenPercent, { target }), lines, NOW)).toEqual({ eligible: false, reason: 'NO_TARGET_LINES' });
  });

  it('measures minimums on the target lines only', () => {
    const summer = linesTarget({ collectionIds: ['summer'] });
    // summer lines: 2 × 20.00 + 15.00 = 55.00 in 3 units
    expect(eligibilityOf(promotion('p', tenPercent, { target: summer, minimumSubtotal: 5500 }), lines, NOW).eligible).toBe(true);
    expect(eligibilityOf(promotion('p', tenPercent, { target: summer, minimumSubtotal: 5501 }), lines, NOW)).toEqual({
      eligible: false,
      reason: 'MINIMUM_NOT_MET',
    });
    expect(eligibilityOf(promotion('p', tenPercent, { target: summer, minimumQuantity: 3 }), lines, NOW).eligible).toBe(true);
    expect(eligibilityOf(promotion('p', tenPercent, { target: summer, minimumQuantity: 4 }), lines, NOW)).toEqual({
      eligible: false,
      reason: 'MINIMUM_NOT_MET',
    });
  });

  it('needs one more unit than a BUY_X_GET_Y buys, so that something can be got', () => {
    const buyTwoGetOne = { kind: 'BUY_X_GET_Y', buyQuantity: 2, getQuantity: 1, basisPoints: 10_000 } as const;
    const mugs = linesTarget({ productIds: ['p-mug', 'p-hat'] });
    expect(eligibilityOf(promotion('p', buyTwoGetOne, { target: mugs }), lines, NOW)).toEqual({ eligible: false, reason: 'MINIMUM_NOT_MET' });
    expect(eligibilityOf(promotion('p', buyTwoGetOne), lines, NOW).eligible).toBe(true);
  });

  it('checks the window before the target and the target before the minimum', () => {
    const target = linesTarget({ productIds: ['p-none'] });
    const both = promotion('p', tenPercent, { target, minimumSubtotal: 1_000_000, endsAt: NOW });
    expect(eligibilityOf(both, lines, NOW)).toEqual({ eligible: false, reason: 'EXPIRED' });
    expect(eligibilityOf({ ...both, endsAt: null }, lines, NOW)).toEqual({ eligible: false, reason: 'NO_TARGET_LINES' });
  });
});
