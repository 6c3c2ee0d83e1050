import fc from 'fast-check';
import { priceCart, priceCartWithTaxProvider } from './price-cart';
import { NOW } from '../../test/support/pricing-fixtures';
import type { PricingInput, PricingLine, PricingResult, Promotion, PromotionTarget, PromotionValue, TaxRule } from './pricing.types';
import { builtInTaxProvider } from './tax-provider';

const products = ['shirt', 'mug', 'hat', 'book'];
const collections = ['summer', 'sale', 'gifts'];
const taxClasses = [null, 'reduced', 'zero'];
const codes = ['SAVE', 'SHIP', 'BOGO'];
const DAY = 86_400_000;

const lineArbitrary = fc.record({
  idNumber: fc.integer({ min: 0, max: 999 }),
  productId: fc.constantFrom(...products),
  variant: fc.integer({ min: 0, max: 2 }),
  unitPrice: fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 20 })),
  quantity: fc.integer({ min: 1, max: 100 }),
  collectionIds: fc.subarray(collections),
  taxClass: fc.constantFrom(null, ...taxClasses),
});

const linesArbitrary = fc.uniqueArray(lineArbitrary, { minLength: 1, maxLength: 20, selector: (line) => line.idNumber }).map((lines) =>
  lines.map((line): PricingLine => ({
    lineId: `line-${line.idNumber}`,
    variantId: `${line.productId}-${line.variant}`,
    productId: line.productId,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    unitWeightGrams: null,
    taxClass: line.taxClass,
    collectionIds: line.collectionIds,
    tags: [],
    productType: null,
    vendor: null,
  })),
);

const basisPoints = fc.oneof(fc.constant(10_000), fc.integer({ min: 0, max: 10_000 }));
const valueArbitrary: fc.Arbitrary<PromotionValue> = fc.oneof(
  fc.record({ kind: fc.constant('PERCENTAGE' as const), basisPoints }),
  fc.record({ kind: fc.constant('FIXED_AMOUNT' as const), amount: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 200_000_000 })) }),
  fc.record({ kind: fc.constant('FREE_SHIPPING' as const), basisPoints: fc.option(basisPoints, { nil: undefined }) }, { requiredKeys: ['kind'] }),
  fc.record({
    kind: fc.constant('BUY_X_GET_Y' as const),
    buyQuantity: fc.integer({ min: 0, max: 4 }),
    getQuantity: fc.integer({ min: 1, max: 3 }),
    basisPoints,
  }),
);
const targetArbitrary: fc.Arbitrary<PromotionTarget> = fc.oneof(
  fc.constant({ kind: 'ORDER' as const }),
  fc.record({
    kind: fc.constant('LINES' as const),
    productIds: fc.subarray(products),
    variantIds: fc.subarray(['shirt-0', 'mug-1', 'hat-2']),
    collectionIds: fc.subarray(collections),
  }),
);
/** A value against null with the given weight for null, so that most promotions get past their windows and minimums. */
function often<T>(arbitrary: fc.Arbitrary<T>, nullWeight = 3): fc.Arbitrary<T | null> {
  return fc.oneof({ arbitrary: fc.constant(null), weight: nullWeight }, { arbitrary, weight: 1 });
}
const momentArbitrary = often(fc.oneof(fc.constant(0), fc.integer({ min: -10 * DAY, max: 10 * DAY })).map((offset) => new Date(NOW.getTime() + offset)));

const promotionsArbitrary = fc
  .uniqueArray(
    fc.record({
      promotionId: fc.constantFrom('p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'),
      code: fc.option(fc.constantFrom(...codes), { nil: null }),
      value: valueArbitrary,
      target: targetArbitrary,
      minimumSubtotal: often(fc.integer({ min: 0, max: 2_000_000 })),
      minimumQuantity: often(fc.integer({ min: 0, max: 60 })),
      startsAt: momentArbitrary,
      endsAt: momentArbitrary,
      priority: fc.integer({ min: 0, max: 5 }),
      combinable: fc.boolean(),
    }),
    { maxLength: 6, selector: (promotion) => promotion.promotionId },
  )
  .map((promotions) => promotions.map((promotion): Promotion => ({ ...promotion, title: `Promotion ${promotion.promotionId}` })));

const taxRulesArbitrary = fc
  .uniqueArray(
    fc.record({
      ruleId: fc.constantFrom('r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'),
      countryCode: fc.constantFrom('CA', 'CA', 'CA', 'US'),
      provinceCode: fc.option(fc.constantFrom('BC', 'ON'), { nil: null }),
      postalCodePrefix: often(fc.constantFrom('V', 'V6', 'V6B', 'M'), 2),
      taxClass: fc.constantFrom(null, null, null, ...taxClasses, 'shipping'),
      rateBasisPoints: fc.integer({ min: 0, max: 3000 }),
    }),
    { minLength: 1, maxLength: 6, selector: (rule) => rule.ruleId },
  )
  .map((rules) => rules.map((rule): TaxRule => ({ ...rule, title: `Tax ${rule.ruleId}` })));

const inputArbitrary: fc.Arbitrary<PricingInput> = fc.record({
  settings: fc.record({
    currencyCode: fc.constant('CAD'),
    rounding: fc.constantFrom('PER_LINE' as const, 'PER_ORDER' as const),
    pricesIncludeTax: fc.boolean(),
  }),
  lines: linesArbitrary,
  customer: fc.record({ customerId: fc.constant(null), taxExempt: fc.constantFrom(false, false, false, true) }),
  shippingAddress: fc.option(
    fc.record({
      countryCode: fc.constantFrom('CA', 'CA', 'CA', 'US'),
      provinceCode: fc.option(fc.constantFrom('BC', 'ON', 'QC'), { nil: null }),
      postalCode: fc.option(fc.constantFrom('V6B 1A1', 'v6a 2b2', 'V5K 0A1', 'M5V 2T6', '94103'), { nil: null }),
    }),
    { nil: null },
  ),
  shippingRate: fc.option(
    fc.record({
      rateId: fc.constant('rate'),
      title: fc.constant('Rate'),
      amount: fc.integer({ min: 0, max: 1_000_000 }),
      taxClass: fc.constantFrom(null, 'shipping'),
    }),
    { nil: null },
  ),
  promotions: promotionsArbitrary,
  codes: fc.oneof(
    fc.constant(codes).map((all) => [...all]),
    fc.subarray([...codes, 'NOPE', 'save']),
  ),
  taxRules: taxRulesArbitrary,
  now: fc.constant(NOW),
});

const sum = (amounts: number[]) => amounts.reduce((total, amount) => total + amount, 0);

function expectWholeAndNonNegative(value: unknown, path: string): void {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${path} is ${value}`);
  } else if (Array.isArray(value)) value.forEach((item, index) => expectWholeAndNonNegative(item, `${path}[${index}]`));
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) expectWholeAndNonNegative(item, `${path}.${key}`);
}

function expectInvariants(input: PricingInput, result: PricingResult): void {
  const taxAdded = !input.settings.pricesIncludeTax;
  expectWholeAndNonNegative(result, 'result');
  result.lines.forEach((line, index) => {
    expect(line.lineId).toBe(input.lines[index].lineId);
    expect(line.subtotal).toBe(input.lines[index].unitPrice * input.lines[index].quantity);
    expect(line.discountTotal).toBe(sum(line.discounts.map(({ amount }) => amount)));
    expect(line.discountTotal).toBeLessThanOrEqual(line.subtotal);
    expect(line.taxTotal).toBe(sum(line.taxLines.map(({ amount }) => amount)));
    expect(line.total).toBe(line.subtotal - line.discountTotal + (taxAdded ? line.taxTotal : 0));
  });
  const shippingTaxTotal = result.shippingTaxTotal ?? Number.NaN;
  expect(result.subtotal).toBe(sum(result.lines.map(({ subtotal }) => subtotal)));
  expect(result.discountTotal).toBe(sum(result.lines.map(({ discountTotal }) => discountTotal)));
  expect(shippingTaxTotal).toBe(sum((result.shippingTaxLines ?? []).map(({ amount }) => amount)));
  expect(result.taxTotal).toBe(sum(result.lines.map(({ taxTotal }) => taxTotal)) + shippingTaxTotal);
  expect(result.taxTotal).toBe(sum(result.taxLines.map(({ amount }) => amount)));
  expect(result.shippingTotal + sum(result.shippingDiscounts.map(({ amount }) => amount))).toBe(input.shippingRate?.amount ?? 0);
  expect(result.total).toBe(result.subtotal - result.discountTotal + result.shippingTotal + (taxAdded ? result.taxTotal : 0));
  expect(result.total).toBe(sum(result.lines.map(({ total }) => total)) + result.shippingTotal + (taxAdded ? shippingTaxTotal : 0));
  expect(sum(result.appliedPromotions.map(({ amount }) => amount))).toBe(result.discountTotal + sum(result.shippingDiscounts.map(({ amount }) => amount)));
  if (input.customer.taxExempt || input.shippingAddress === null) expect(result.taxTotal).toBe(0);
}

function expectPromotionsAccountedFor(input: PricingInput, result: PricingResult): void {
  const entered = new Set(input.codes.map((code) => code.toUpperCase()));
  const considered = input.promotions.filter(({ code }) => code === null || entered.has(code));
  const outcomes = [
    ...result.appliedPromotions.map(({ promotionId }) => promotionId),
    ...result.rejectedPromotions.flatMap(({ promotionId }) => promotionId ?? []),
  ];
  expect([...outcomes].sort()).toEqual(considered.map(({ promotionId }) => promotionId).sort());
  const unknown = [...entered].filter((code) => !input.promotions.some((promotion) => promotion.code === code));
  expect(result.rejectedPromotions.filter(({ reason }) => reason === 'UNKNOWN_CODE').map(({ code }) => code)).toEqual(expect.arrayContaining(unknown));
  const byId = new Map(input.promotions.map((promotion) => [promotion.promotionId, promotion]));
  const now = input.now.getTime();
  for (const { promotionId, reason } of result.rejectedPromotions) {
    const promotion = promotionId === null ? undefined : byId.get(promotionId);
    if (reason === 'NOT_STARTED') expect(promotion?.startsAt?.getTime()).toBeGreaterThan(now);
    if (reason === 'EXPIRED') expect(promotion?.endsAt?.getTime()).toBeLessThanOrEqual(now);
  }
  const applied = result.appliedPromotions.map(({ promotionId }) => byId.get(promotionId) as Promotion);
  for (const promotion of applied) {
    expect(promotion.startsAt === null || promotion.startsAt.getTime() <= now).toBe(true);
    expect(promotion.endsAt === null || promotion.endsAt.getTime() > now).toBe(true);
  }
  if (applied.some(({ combinable }) => !combinable)) expect(applied).toHaveLength(1);
}

/** The same cart with every list in another order: prices must not depend on the order things were loaded in. */
function reordered(input: PricingInput): PricingInput {
  return {
    ...input,
    lines: [...input.lines].reverse(),
    promotions: [...input.promotions].reverse(),
    taxRules: [...input.taxRules].reverse(),
    codes: [...input.codes].reverse(),
  };
}

describe('priceCart over random carts, promotions and tax rules', () => {
  it('keeps every invariant: sums exact, nothing negative, every promotion accounted for', () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        const result = priceCart(input);
        expectInvariants(input, result);
        expectPromotionsAccountedFor(input, result);
      }),
      { numRuns: 400 },
    );
  });

  it('never charges more with promotions than without', () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        expect(priceCart(input).total).toBeLessThanOrEqual(priceCart({ ...input, promotions: [] }).total);
      }),
      { numRuns: 200 },
    );
  });

  it('picks the candidate that saves the shopper most: a non-combinable promotion alone, or the combinable ones together', () => {
    const saving = (result: PricingResult) => result.discountTotal + sum(result.shippingDiscounts.map(({ amount }) => amount));
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        const chosen = saving(priceCart(input));
        const candidates = [
          input.promotions.filter(({ combinable }) => combinable),
          ...input.promotions.filter(({ combinable }) => !combinable).map((promotion) => [promotion]),
        ];
        for (const candidate of candidates) expect(saving(priceCart({ ...input, promotions: candidate }))).toBeLessThanOrEqual(chosen);
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic, whatever order lines, promotions, rules and codes come in', () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        const result = priceCart(input);
        expect(priceCart(structuredClone(input))).toEqual(result);
        const other = priceCart(reordered(input));
        expect({ ...other, lines: [...other.lines].reverse() }).toEqual(result);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same answer through the built-in tax provider', async () => {
    await fc.assert(
      fc.asyncProperty(inputArbitrary, async (input) => {
        expect(await priceCartWithTaxProvider(input, builtInTaxProvider(input.taxRules))).toEqual(priceCart(input));
      }),
      { numRuns: 100 },
    );
  });

  it('rounds stacked percentages on the order per line, or once per order, as a plain reference computes them', () => {
    const percentages = fc.uniqueArray(fc.record({ promotionId: fc.constantFrom('a', 'b', 'c', 'd'), basisPoints, priority: fc.integer({ min: 0, max: 3 }) }), {
      maxLength: 4,
      selector: ({ promotionId }) => promotionId,
    });
    fc.assert(
      fc.property(linesArbitrary, percentages, fc.constantFrom('PER_LINE' as const, 'PER_ORDER' as const), (lines, offs, rounding) => {
        const promotions = offs.map(({ promotionId, basisPoints: off, priority }) => ({
          ...promotionFor(promotionId, off),
          priority,
        }));
        const result = priceCart({ ...plainInput(lines), settings: { currencyCode: 'CAD', rounding, pricesIncludeTax: false }, promotions });
        const inOrder = [...promotions]
          .sort((a, b) => a.priority - b.priority || (a.promotionId < b.promotionId ? -1 : 1))
          .map(({ value }) => BigInt((value as { basisPoints: number }).basisPoints));
        const subtotals = lines.map(({ unitPrice, quantity }) => BigInt(unitPrice * quantity));
        let expected: bigint;
        if (rounding === 'PER_LINE') {
          expected = subtotals.reduce(
            (total, subtotal) => total + subtotal - inOrder.reduce((left, off) => left - halfEven(left * off, 10_000n), subtotal),
            0n,
          );
        } else {
          const denominator = 10_000n ** BigInt(inOrder.length);
          const keptShare = inOrder.reduce((kept, off) => kept * (10_000n - off), 1n);
          expected = halfEven(subtotals.reduce((a, b) => a + b, 0n) * (denominator - keptShare), denominator);
        }
        expect(BigInt(result.discountTotal)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('rounds tax per line, or once per rule per order, on the amounts after discounts', () => {
    fc.assert(
      fc.property(inputArbitrary, fc.integer({ min: 0, max: 3000 }), fc.constantFrom('PER_LINE' as const, 'PER_ORDER' as const), (input, rate, rounding) => {
        const lines = input.lines.map((line) => ({ ...line, taxClass: null }));
        const taxed = {
          ...input,
          lines,
          settings: { currencyCode: 'CAD', rounding, pricesIncludeTax: false },
          shippingRate: null,
          shippingAddress: { countryCode: 'CA', provinceCode: 'BC', postalCode: null },
          customer: { customerId: null, taxExempt: false },
          taxRules: [{ ruleId: 'gst', title: 'GST', countryCode: 'CA', provinceCode: null, postalCodePrefix: null, taxClass: null, rateBasisPoints: rate }],
        };
        const result = priceCart(taxed);
        const bases = result.lines.map(({ subtotal, discountTotal }) => BigInt(subtotal - discountTotal));
        const expected =
          rounding === 'PER_LINE'
            ? bases.reduce((total, base) => total + halfEven(base * BigInt(rate), 10_000n), 0n)
            : halfEven(bases.reduce((a, b) => a + b, 0n) * BigInt(rate), 10_000n);
        expect(BigInt(result.taxTotal)).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });
});

/** Half-even rounding of numerator / denominator (both non-negative), written apart from the engine's. */
function halfEven(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const twiceRest = 2n * (numerator % denominator);
  if (twiceRest !== denominator) return twiceRest < denominator ? quotient : quotient + 1n;
  return quotient % 2n === 0n ? quotient : quotient + 1n;
}

function promotionFor(promotionId: string, basisPoints: number): Promotion {
  return {
    promotionId,
    title: promotionId,
    code: null,
    value: { kind: 'PERCENTAGE', basisPoints },
    target: { kind: 'ORDER' },
    minimumSubtotal: null,
    minimumQuantity: null,
    startsAt: null,
    endsAt: null,
    priority: 0,
    combinable: true,
  };
}

function plainInput(lines: PricingLine[]): PricingInput {
  return {
    settings: { currencyCode: 'CAD', rounding: 'PER_LINE', pricesIncludeTax: false },
    lines,
    customer: { customerId: null, taxExempt: false },
    shippingAddress: null,
    shippingRate: null,
    promotions: [],
    codes: [],
    taxRules: [],
    now: NOW,
  };
}
