import { registerEnumType } from 'type-graphql';

/** What a promotion takes off (the pricing engine's `PromotionValue` kinds). */
export enum PromotionValueKind {
  PERCENTAGE = 'PERCENTAGE',
  FIXED_AMOUNT = 'FIXED_AMOUNT',
  FREE_SHIPPING = 'FREE_SHIPPING',
  BUY_X_GET_Y = 'BUY_X_GET_Y',
}

/** Which lines a promotion looks at. */
export enum PromotionTargetKind {
  ORDER = 'ORDER',
  LINES = 'LINES',
}

registerEnumType(PromotionValueKind, {
  name: 'PromotionValueKind',
  description: 'What a promotion takes off.',
  valuesConfig: {
    PERCENTAGE: { description: '`basisPoints` of the target lines (10000 is everything).' },
    FIXED_AMOUNT: { description: "`amount` off the target lines' total, spread in proportion to their amounts." },
    FREE_SHIPPING: { description: 'Shipping free (or `basisPoints` of it off).' },
    BUY_X_GET_Y: { description: 'For every `buyQuantity` target units, `getQuantity` more (the cheapest) get `basisPoints` off.' },
  },
});
registerEnumType(PromotionTargetKind, {
  name: 'PromotionTargetKind',
  description: 'Which lines a promotion looks at.',
  valuesConfig: {
    ORDER: { description: 'Every line of the cart.' },
    LINES: { description: 'Lines of the listed products, variants or collections.' },
  },
});
