import { UserError } from '@ultramarket/kit';
import { PromotionTargetKind, PromotionValueKind } from './promotion-kinds';
import { enginePromotionOf, hasUsesLeft, plannedPromotion, type PromotionFields } from './promotion-rules';
import type { CreatePromotionInput, UpdatePromotionInput } from './promotion.inputs';

const create = (fields: Partial<CreatePromotionInput>) =>
  plannedPromotion(null, { title: 'Deal', valueKind: PromotionValueKind.PERCENTAGE, ...fields } as CreatePromotionInput);
const codeOf = (planned: PromotionFields | UserError) => (planned instanceof UserError ? [planned.code, planned.field] : 'ok');

describe('plannedPromotion', () => {
  it('fills defaults, upper-cases the code and removes repeated targets', () => {
    const planned = create({ basisPoints: 1500, code: 'summer-24', targetKind: PromotionTargetKind.LINES, productIds: ['p', 'p'] }) as PromotionFields;
    expect(planned).toMatchObject({ code: 'SUMMER-24', priority: 0, combinable: false, active: true, productIds: ['p'], usageLimit: null });
  });

  it('asks each value kind for its own numbers and nothing else', () => {
    expect(codeOf(create({}))).toEqual(['INVALID_PROMOTION', ['input', 'basisPoints']]);
    expect(codeOf(create({ basisPoints: 100, amount: 5 }))).toEqual(['INVALID_PROMOTION', ['input', 'amount']]);
    expect(codeOf(create({ valueKind: PromotionValueKind.FIXED_AMOUNT }))).toEqual(['INVALID_PROMOTION', ['input', 'amount']]);
    expect(codeOf(create({ valueKind: PromotionValueKind.FREE_SHIPPING }))).toBe('ok');
    expect(codeOf(create({ valueKind: PromotionValueKind.BUY_X_GET_Y, getQuantity: 1 }))).toEqual(['INVALID_PROMOTION', ['input', 'buyQuantity']]);
    expect(codeOf(create({ valueKind: PromotionValueKind.BUY_X_GET_Y, buyQuantity: 2, getQuantity: 1 }))).toBe('ok');
  });

  it('wants targets with LINES only, and a window that ends after it starts', () => {
    expect(codeOf(create({ basisPoints: 1, targetKind: PromotionTargetKind.LINES }))).toEqual(['INVALID_PROMOTION', ['input', 'productIds']]);
    expect(codeOf(create({ basisPoints: 1, collectionIds: ['c'] }))).toEqual(['INVALID_PROMOTION', ['input', 'targetKind']]);
    const at = new Date('2027-01-01T00:00:00Z');
    expect(codeOf(create({ basisPoints: 1, startsAt: at, endsAt: at }))).toEqual(['INVALID_PROMOTION', ['input', 'endsAt']]);
  });

  it('keeps fields an update leaves out, clears those it sets to null, and re-checks the whole', () => {
    const current = create({ basisPoints: 1000, code: 'A1B', usageLimit: 5 }) as PromotionFields;
    const update = (fields: Partial<UpdatePromotionInput>) => plannedPromotion(current, { id: 'x', ...fields } as UpdatePromotionInput);
    expect(update({ title: 'New' })).toMatchObject({ title: 'New', basisPoints: 1000, code: 'A1B', usageLimit: 5 });
    expect(update({ code: null, usageLimit: null })).toMatchObject({ code: null, usageLimit: null });
    expect(codeOf(update({ valueKind: PromotionValueKind.FIXED_AMOUNT, amount: 300 }))).toEqual(['INVALID_PROMOTION', ['input', 'basisPoints']]);
    expect(update({ valueKind: PromotionValueKind.FIXED_AMOUNT, amount: 300, basisPoints: null })).toMatchObject({ amount: 300, basisPoints: null });
  });
});

describe('enginePromotionOf and hasUsesLeft', () => {
  it('gives the engine its value and target shapes, full shares by default', () => {
    const free = create({ valueKind: PromotionValueKind.FREE_SHIPPING }) as PromotionFields;
    expect(enginePromotionOf({ ...free, id: 'f' })).toMatchObject({
      promotionId: 'f',
      value: { kind: 'FREE_SHIPPING', basisPoints: 10_000 },
      target: { kind: 'ORDER' },
    });
    const bxgy = create({
      valueKind: PromotionValueKind.BUY_X_GET_Y,
      buyQuantity: 2,
      getQuantity: 1,
      targetKind: PromotionTargetKind.LINES,
      variantIds: ['v'],
    }) as PromotionFields;
    expect(enginePromotionOf({ ...bxgy, id: 'b' })).toMatchObject({
      value: { kind: 'BUY_X_GET_Y', buyQuantity: 2, getQuantity: 1, basisPoints: 10_000 },
      target: { kind: 'LINES', productIds: [], variantIds: ['v'], collectionIds: [] },
    });
  });

  it('counts total and per-customer limits', () => {
    expect(hasUsesLeft({ usageLimit: null, usageLimitPerCustomer: null, timesUsed: 99 }, 99)).toBe(true);
    expect(hasUsesLeft({ usageLimit: 10, usageLimitPerCustomer: null, timesUsed: 10 }, 0)).toBe(false);
    expect(hasUsesLeft({ usageLimit: 10, usageLimitPerCustomer: 1, timesUsed: 3 }, 1)).toBe(false);
    expect(hasUsesLeft({ usageLimit: 10, usageLimitPerCustomer: 2, timesUsed: 3 }, 1)).toBe(true);
  });
});
