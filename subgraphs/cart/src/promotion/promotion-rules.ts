import { UserError, type Promotion as EnginePromotion, type PromotionValue } from '@ultramarket/kit';
import { PromotionTargetKind, PromotionValueKind } from './promotion-kinds';
import type { Promotion } from './promotion.entity';
import type { CreatePromotionInput, UpdatePromotionInput } from './promotion.inputs';

const FULL = 10_000;

/** A promotion's own fields: what create sets and update changes. */
export type PromotionFields = Pick<
  Promotion,
  | 'title'
  | 'code'
  | 'valueKind'
  | 'basisPoints'
  | 'amount'
  | 'buyQuantity'
  | 'getQuantity'
  | 'targetKind'
  | 'productIds'
  | 'variantIds'
  | 'collectionIds'
  | 'minimumSubtotal'
  | 'minimumQuantity'
  | 'startsAt'
  | 'endsAt'
  | 'priority'
  | 'combinable'
  | 'usageLimit'
  | 'usageLimitPerCustomer'
  | 'active'
>;

const DEFAULTS: Omit<PromotionFields, 'title' | 'valueKind'> = {
  code: null,
  basisPoints: null,
  amount: null,
  buyQuantity: null,
  getQuantity: null,
  targetKind: PromotionTargetKind.ORDER,
  productIds: [],
  variantIds: [],
  collectionIds: [],
  minimumSubtotal: null,
  minimumQuantity: null,
  startsAt: null,
  endsAt: null,
  priority: 0,
  combinable: false,
  usageLimit: null,
  usageLimitPerCustomer: null,
  active: true,
};

export const invalidPromotion = (message: string, field: string) => UserError.of('INVALID_PROMOTION', message, ['input', field]);

/**
 * The promotion `input` makes of `current` (null: a new one): fields left out keep their value (or take
 * the default), null clears, codes are upper case; then the fields must agree with each other (each value
 * kind its own numbers, LINES at least one target, ORDER none, the window's end after its start).
 */
export function plannedPromotion(current: PromotionFields | null, input: CreatePromotionInput | UpdatePromotionInput): PromotionFields | UserError {
  const base: PromotionFields = current ?? { ...DEFAULTS, title: '', valueKind: PromotionValueKind.PERCENTAGE };
  const next = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(input)) {
    if (key !== 'id' && value !== undefined && key in base) next[key] = value;
  }
  const planned = next as unknown as PromotionFields;
  planned.code = planned.code ? planned.code.toUpperCase() : null;
  planned.title = planned.title.trim();
  if (planned.title === '') return invalidPromotion('A promotion needs a title', 'title');
  for (const key of ['productIds', 'variantIds', 'collectionIds'] as const) planned[key] = [...new Set(planned[key] ?? [])];
  for (const key of ['priority', 'combinable', 'active'] as const)
    if (planned[key] === null) (planned as unknown as Record<string, unknown>)[key] = DEFAULTS[key];
  return valueRefusal(planned) ?? targetRefusal(planned) ?? windowRefusal(planned) ?? planned;
}

function valueRefusal(planned: PromotionFields): UserError | null {
  const only = (allowed: ('basisPoints' | 'amount' | 'buyQuantity' | 'getQuantity')[]): UserError | null => {
    for (const key of ['basisPoints', 'amount', 'buyQuantity', 'getQuantity'] as const) {
      if (!allowed.includes(key) && planned[key] !== null) return invalidPromotion(`A ${planned.valueKind} promotion has no ${key}`, key);
    }
    return null;
  };
  switch (planned.valueKind) {
    case PromotionValueKind.PERCENTAGE:
      if (planned.basisPoints === null) return invalidPromotion('A PERCENTAGE promotion needs basisPoints', 'basisPoints');
      return only(['basisPoints']);
    case PromotionValueKind.FIXED_AMOUNT:
      if (planned.amount === null) return invalidPromotion('A FIXED_AMOUNT promotion needs an amount', 'amount');
      return only(['amount']);
    case PromotionValueKind.FREE_SHIPPING:
      return only(['basisPoints']);
    case PromotionValueKind.BUY_X_GET_Y:
      if (planned.buyQuantity === null) return invalidPromotion('A BUY_X_GET_Y promotion needs buyQuantity', 'buyQuantity');
      if (planned.getQuantity === null) return invalidPromotion('A BUY_X_GET_Y promotion needs getQuantity', 'getQuantity');
      return only(['basisPoints', 'buyQuantity', 'getQuantity']);
  }
}

function targetRefusal(planned: PromotionFields): UserError | null {
  const targets = planned.productIds.length + planned.variantIds.length + planned.collectionIds.length;
  if (planned.targetKind === PromotionTargetKind.LINES && targets === 0) {
    return invalidPromotion('A LINES promotion names at least one product, variant or collection', 'productIds');
  }
  if (planned.targetKind === PromotionTargetKind.ORDER && targets > 0) {
    return invalidPromotion('An ORDER promotion targets every line: name products, variants or collections with targetKind LINES', 'targetKind');
  }
  return null;
}

function windowRefusal(planned: PromotionFields): UserError | null {
  if (planned.startsAt && planned.endsAt && planned.endsAt.getTime() <= planned.startsAt.getTime()) {
    return invalidPromotion('endsAt must be after startsAt', 'endsAt');
  }
  return null;
}

function valueOf(row: PromotionFields): PromotionValue {
  switch (row.valueKind) {
    case PromotionValueKind.PERCENTAGE:
      return { kind: 'PERCENTAGE', basisPoints: row.basisPoints! };
    case PromotionValueKind.FIXED_AMOUNT:
      return { kind: 'FIXED_AMOUNT', amount: row.amount! };
    case PromotionValueKind.FREE_SHIPPING:
      return { kind: 'FREE_SHIPPING', basisPoints: row.basisPoints ?? FULL };
    case PromotionValueKind.BUY_X_GET_Y:
      return { kind: 'BUY_X_GET_Y', buyQuantity: row.buyQuantity!, getQuantity: row.getQuantity!, basisPoints: row.basisPoints ?? FULL };
  }
}

/** The stored promotion as the pricing engine takes it. */
export function enginePromotionOf(row: PromotionFields & { id: string }): EnginePromotion {
  return {
    promotionId: row.id,
    title: row.title,
    code: row.code,
    value: valueOf(row),
    target:
      row.targetKind === PromotionTargetKind.ORDER
        ? { kind: 'ORDER' }
        : { kind: 'LINES', productIds: row.productIds, variantIds: row.variantIds, collectionIds: row.collectionIds },
    minimumSubtotal: row.minimumSubtotal,
    minimumQuantity: row.minimumQuantity,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    priority: row.priority,
    combinable: row.combinable,
  };
}

/** Whether a promotion still has uses: in total, and for a customer who used it `customerUses` times. */
export function hasUsesLeft(row: Pick<Promotion, 'usageLimit' | 'usageLimitPerCustomer' | 'timesUsed'>, customerUses: number): boolean {
  if (row.usageLimit !== null && row.timesUsed >= row.usageLimit) return false;
  return row.usageLimitPerCustomer === null || customerUses < row.usageLimitPerCustomer;
}
