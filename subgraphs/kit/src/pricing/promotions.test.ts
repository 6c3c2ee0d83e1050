import { type Exact, sum } from './exact-amount';
import { priceLines } from './line-prices';
import { type PromotionStage, type PromotionStageInput, applyPromotions } from './promotions';
import { NOW, linesTarget, pricingLine, promotion } from '../../test/support/pricing-fixtures';
import type { PricingLine, Promotion } from './pricing.types';
import { roundingPolicyOf } from './rounding';

function stageFor(lines: PricingLine[], promotions: Promotion[], options: Partial<PromotionStageInput> = {}): PromotionStage {
  const amounts = priceLines(lines);
  return applyPromotions({
    lines: amounts,
    lineRank: amounts.map((_, index) => index),
    shippingAmount: 0n,
    promotions,
    codes: [],
    now: NOW,
    rounding: roundingPolicyOf('PER_LINE'),
    ...options,
  });
}

const total = (shares: Exact[]) => Number(sum(shares).numerator);
const savings = (stage: PromotionStage) =>
  stage.applied.map(({ promotion, shares }) => [promotion.promotionId, total(shares.lines) + total([shares.shipping])]);

const percent = (basisPoints: number) => ({ kind: 'PERCENTAGE', basisPoints }) as const;
const fixed = (amount: number) => ({ kind: 'FIXED_AMOUNT', amount }) as const;
const cart = [pricingLine('a', 6000, 1), pricingLine('b', 4000, 1)];

describe('promotions stage', () => {
  it('applies in priority order, each on what the previous left', () => {
    const tenPercentFirst = stageFor(cart, [promotion('off-10', fixed(1000), { priority: 2 }), promotion('ten', percent(1000), { priority: 1 })]);
    expect(savings(tenPercentFirst)).toEqual([
      ['ten', 1000],
      ['off-10', 1000],
    ]);
    const fixedFirst = stageFor(cart, [promotion('off-10', fixed(1000), { priority: 1 }), promotion('ten', percent(1000), { priority: 2 })]);
    expect(savings(fixedFirst)).toEqual([
      ['off-10', 1000],
      ['ten', 900],
    ]);
  });

  it('breaks priority ties by promotionId', () => {
    expect(savings(stageFor(cart, [promotion('b', percent(1000)), promotion('a', fixed(1000))]))).toEqual([
      ['a', 1000],
      ['b', 900],
    ]);
  });

  it('gives a code on top of a 100 % promotion nothing left to take', () => {
    const stage = stageFor(cart, [promotion('all', percent(10_000)), promotion('code', percent(1000), { code: 'SAVE10', priority: 1 })], { codes: ['SAVE10'] });
    expect(savings(stage)).toEqual([
      ['all', 10_000],
      ['code', 0],
    ]);
  });

  it('lets a non-combinable promotion apply alone when it saves more than the combinable set', () => {
    const stage = stageFor(cart, [
      promotion('ten', percent(1000)),
      promotion('five-off', fixed(500)),
      promotion('quarter', percent(2500), { combinable: false, priority: 5 }),
    ]);
    expect(savings(stage)).toEqual([['quarter', 2500]]);
    expect(stage.rejected).toEqual([
      { promotionId: 'five-off', code: null, reason: 'NOT_COMBINABLE' },
      { promotionId: 'ten', code: null, reason: 'NOT_COMBINABLE' },
    ]);
  });

  it('keeps the combinable set when it saves more, and the best of several non-combinable ones otherwise', () => {
    const stage = stageFor(cart, [
      promotion('ten', percent(1000)),
      promotion('ten-off', fixed(1000)),
      promotion('fifteen', percent(1500), { combinable: false }),
    ]);
    expect(savings(stage)).toEqual([
      ['ten', 1000],
      ['ten-off', 1000],
    ]);
    expect(stage.rejected).toEqual([{ promotionId: 'fifteen', code: null, reason: 'NOT_COMBINABLE' }]);
    const alone = stageFor(cart, [promotion('x', percent(1500), { combinable: false }), promotion('y', percent(2000), { combinable: false, priority: 3 })]);
    expect(savings(alone)).toEqual([['y', 2000]]);
  });

  it('gives a tie to the candidate that comes first in priority order', () => {
    const stage = stageFor(cart, [
      promotion('later', fixed(1000), { combinable: false, priority: 2 }),
      promotion('first', percent(1000), { combinable: false, priority: 1 }),
    ]);
    expect(savings(stage)).toEqual([['first', 1000]]);
  });

  it('counts a code promotion only when its code was entered, in any case, and reports codes no promotion has', () => {
    const promotions = [promotion('code', percent(1000), { code: 'SAVE10' }), promotion('other', percent(5000), { code: 'HALF' })];
    const stage = stageFor(cart, promotions, { codes: ['save10', 'NOPE', 'SAVE10'] });
    expect(savings(stage)).toEqual([['code', 1000]]);
    expect(stage.rejected).toEqual([{ promotionId: null, code: 'NOPE', reason: 'UNKNOWN_CODE' }]);
  });

  it('reports why each other promotion did not apply', () => {
    const stage = stageFor(
      cart,
      [
        promotion('future', percent(1000), { startsAt: new Date(NOW.getTime() + 1000) }),
        promotion('past', percent(1000), { code: 'OLD', endsAt: NOW }),
        promotion('elsewhere', percent(1000), { target: linesTarget({ productIds: ['nothing'] }) }),
        promotion('big-spender', percent(1000), { minimumSubtotal: 10_001 }),
      ],
      { codes: ['OLD'] },
    );
    expect(stage.applied).toEqual([]);
    expect(stage.rejected).toEqual([
      { promotionId: 'big-spender', code: null, reason: 'MINIMUM_NOT_MET' },
      { promotionId: 'elsewhere', code: null, reason: 'NO_TARGET_LINES' },
      { promotionId: 'future', code: null, reason: 'NOT_STARTED' },
      { promotionId: 'past', code: 'OLD', reason: 'EXPIRED' },
    ]);
  });

  it('counts free shipping as a saving when choosing between candidates', () => {
    const stage = stageFor(cart, [promotion('ship', { kind: 'FREE_SHIPPING' }, { combinable: false }), promotion('five', percent(500))], {
      shippingAmount: 1500n,
    });
    expect(savings(stage)).toEqual([['ship', 1500]]);
  });

  it('applies a promotion listed twice once', () => {
    const twice = promotion('ten', percent(1000));
    expect(savings(stageFor(cart, [twice, twice]))).toEqual([['ten', 1000]]);
  });
});
