"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const fast_check_1 = __importDefault(require("fast-check"));
const price_cart_1 = require("./price-cart");
const pricing_fixtures_1 = require("../../test/support/pricing-fixtures");
const tax_provider_1 = require("./tax-provider");
const products = ['shirt', 'mug', 'hat', 'book'];
const collections = ['summer', 'sale', 'gifts'];
const taxClasses = [null, 'reduced', 'zero'];
const codes = ['SAVE', 'SHIP', 'BOGO'];
const DAY = 86_400_000;
const lineArbitrary = fast_check_1.default.record({
    idNumber: fast_check_1.default.integer({ min: 0, max: 999 }),
    productId: fast_check_1.default.constantFrom(...products),
    variant: fast_check_1.default.integer({ min: 0, max: 2 }),
    unitPrice: fast_check_1.default.oneof(fast_check_1.default.integer({ min: 0, max: 10_000_000 }), fast_check_1.default.integer({ min: 0, max: 20 })),
    quantity: fast_check_1.default.integer({ min: 1, max: 100 }),
    collectionIds: fast_check_1.default.subarray(collections),
    taxClass: fast_check_1.default.constantFrom(null, ...taxClasses),
});
const linesArbitrary = fast_check_1.default.uniqueArray(lineArbitrary, { minLength: 1, maxLength: 20, selector: (line) => line.idNumber }).map((lines) => lines.map((line) => ({
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
})));
const basisPoints = fast_check_1.default.oneof(fast_check_1.default.constant(10_000), fast_check_1.default.integer({ min: 0, max: 10_000 }));
const valueArbitrary = fast_check_1.default.oneof(fast_check_1.default.record({ kind: fast_check_1.default.constant('PERCENTAGE'), basisPoints }), fast_check_1.default.record({ kind: fast_check_1.default.constant('FIXED_AMOUNT'), amount: fast_check_1.default.oneof(fast_check_1.default.integer({ min: 0, max: 5000 }), fast_check_1.default.integer({ min: 0, max: 200_000_000 })) }), fast_check_1.default.record({ kind: fast_check_1.default.constant('FREE_SHIPPING'), basisPoints: fast_check_1.default.option(basisPoints, { nil: undefined }) }, { requiredKeys: ['kind'] }), fast_check_1.default.record({
    kind: fast_check_1.default.constant('BUY_X_GET_Y'),
    buyQuantity: fast_check_1.default.integer({ min: 0, max: 4 }),
    getQuantity: fast_check_1.default.integer({ min: 1, max: 3 }),
    basisPoints,
}));
const targetArbitrary = fast_check_1.default.oneof(fast_check_1.default.constant({ kind: 'ORDER' }), fast_check_1.default.record({
    kind: fast_check_1.default.constant('LINES'),
    productIds: fast_check_1.default.subarray(products),
    variantIds: fast_check_1.default.subarray(['shirt-0', 'mug-1', 'hat-2']),
    collectionIds: fast_check_1.default.subarray(collections),
}));
/** A value against null with the given weight for null, so that most promotions get past their windows and minimums. */
function often(arbitrary, nullWeight = 3) {
    return fast_check_1.default.oneof({ arbitrary: fast_check_1.default.constant(null), weight: nullWeight }, { arbitrary, weight: 1 });
}
const momentArbitrary = often(fast_check_1.default.oneof(fast_check_1.default.constant(0), fast_check_1.default.integer({ min: -10 * DAY, max: 10 * DAY })).map((offset) => new Date(pricing_fixtures_1.NOW.getTime() + offset)));
const promotionsArbitrary = fast_check_1.default
    .uniqueArray(fast_check_1.default.record({
    promotionId: fast_check_1.default.constantFrom('p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'),
    code: fast_check_1.default.option(fast_check_1.default.constantFrom(...codes), { nil: null }),
    value: valueArbitrary,
    target: targetArbitrary,
    minimumSubtotal: often(fast_check_1.default.integer({ min: 0, max: 2_000_000 })),
    minimumQuantity: often(fast_check_1.default.integer({ min: 0, max: 60 })),
    startsAt: momentArbitrary,
    endsAt: momentArbitrary,
    priority: fast_check_1.default.integer({ min: 0, max: 5 }),
    combinable: fast_check_1.default.boolean(),
}), { maxLength: 6, selector: (promotion) => promotion.promotionId })
    .map((promotions) => promotions.map((promotion) => ({ ...promotion, title: `Promotion ${promotion.promotionId}` })));
const taxRulesArbitrary = fast_check_1.default
    .uniqueArray(fast_check_1.default.record({
    ruleId: fast_check_1.default.constantFrom('r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'),
    countryCode: fast_check_1.default.constantFrom('CA', 'CA', 'CA', 'US'),
    provinceCode: fast_check_1.default.option(fast_check_1.default.constantFrom('BC', 'ON'), { nil: null }),
    postalCodePrefix: often(fast_check_1.default.constantFrom('V', 'V6', 'V6B', 'M'), 2),
    taxClass: fast_check_1.default.constantFrom(null, null, null, ...taxClasses, 'shipping'),
    rateBasisPoints: fast_check_1.default.integer({ min: 0, max: 3000 }),
}), { minLength: 1, maxLength: 6, selector: (rule) => rule.ruleId })
    .map((rules) => rules.map((rule) => ({ ...rule, title: `Tax ${rule.ruleId}` })));
const inputArbitrary = fast_check_1.default.record({
    settings: fast_check_1.default.record({
        currencyCode: fast_check_1.default.constant('CAD'),
        rounding: fast_check_1.default.constantFrom('PER_LINE', 'PER_ORDER'),
        pricesIncludeTax: fast_check_1.default.boolean(),
    }),
    lines: linesArbitrary,
    customer: fast_check_1.default.record({ customerId: fast_check_1.default.constant(null), taxExempt: fast_check_1.default.constantFrom(false, false, false, true) }),
    shippingAddress: fast_check_1.default.option(fast_check_1.default.record({
        countryCode: fast_check_1.default.constantFrom('CA', 'CA', 'CA', 'US'),
        provinceCode: fast_check_1.default.option(fast_check_1.default.constantFrom('BC', 'ON', 'QC'), { nil: null }),
        postalCode: fast_check_1.default.option(fast_check_1.default.constantFrom('V6B 1A1', 'v6a 2b2', 'V5K 0A1', 'M5V 2T6', '94103'), { nil: null }),
    }), { nil: null }),
    shippingRate: fast_check_1.default.option(fast_check_1.default.record({
        rateId: fast_check_1.default.constant('rate'),
        title: fast_check_1.default.constant('Rate'),
        amount: fast_check_1.default.integer({ min: 0, max: 1_000_000 }),
        taxClass: fast_check_1.default.constantFrom(null, 'shipping'),
    }), { nil: null }),
    promotions: promotionsArbitrary,
    codes: fast_check_1.default.oneof(fast_check_1.default.constant(codes).map((all) => [...all]), fast_check_1.default.subarray([...codes, 'NOPE', 'save'])),
    taxRules: taxRulesArbitrary,
    now: fast_check_1.default.constant(pricing_fixtures_1.NOW),
});
const sum = (amounts) => amounts.reduce((total, amount) => total + amount, 0);
function expectWholeAndNonNegative(value, path) {
    if (typeof value === 'number') {
        if (!Number.isSafeInteger(value) || value < 0)
            throw new Error(`${path} is ${value}`);
    }
    else if (Array.isArray(value))
        value.forEach((item, index) => expectWholeAndNonNegative(item, `${path}[${index}]`));
    else if (value !== null && typeof value === 'object')
        for (const [key, item] of Object.entries(value))
            expectWholeAndNonNegative(item, `${path}.${key}`);
}
function expectInvariants(input, result) {
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
    if (input.customer.taxExempt || input.shippingAddress === null)
        expect(result.taxTotal).toBe(0);
}
function expectPromotionsAccountedFor(input, result) {
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
        if (reason === 'NOT_STARTED')
            expect(promotion?.startsAt?.getTime()).toBeGreaterThan(now);
        if (reason === 'EXPIRED')
            expect(promotion?.endsAt?.getTime()).toBeLessThanOrEqual(now);
    }
    const applied = result.appliedPromotions.map(({ promotionId }) => byId.get(promotionId));
    for (const promotion of applied) {
        expect(promotion.startsAt === null || promotion.startsAt.getTime() <= now).toBe(true);
        expect(promotion.endsAt === null || promotion.endsAt.getTime() > now).toBe(true);
    }
    if (applied.some(({ combinable }) => !combinable))
        expect(applied).toHaveLength(1);
}
/** The same cart with every list in another order: prices must not depend on the order things were loaded in. */
function reordered(input) {
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
        fast_check_1.default.assert(fast_check_1.default.property(inputArbitrary, (input) => {
            const result = (0, price_cart_1.priceCart)(input);
            expectInvariants(input, result);
            expectPromotionsAccountedFor(input, result);
        }), { numRuns: 400 });
    });
    it('never charges more with promotions than without', () => {
        fast_check_1.default.assert(fast_check_1.default.property(inputArbitrary, (input) => {
            expect((0, price_cart_1.priceCart)(input).total).toBeLessThanOrEqual((0, price_cart_1.priceCart)({ ...input, promotions: [] }).total);
        }), { numRuns: 200 });
    });
    it('picks the candidate that saves the shopper most: a non-combinable promotion alone, or the combinable ones together', () => {
        const saving = (result) => result.discountTotal + sum(result.shippingDiscounts.map(({ amount }) => amount));
        fast_check_1.default.assert(fast_check_1.default.property(inputArbitrary, (input) => {
            const chosen = saving((0, price_cart_1.priceCart)(input));
            const candidates = [
                input.promotions.filter(({ combinable }) => combinable),
                ...input.promotions.filter(({ combinable }) => !combinable).map((promotion) => [promotion]),
            ];
            for (const candidate of candidates)
                expect(saving((0, price_cart_1.priceCart)({ ...input, promotions: candidate }))).toBeLessThanOrEqual(chosen);
        }), { numRuns: 200 });
    });
    it('is deterministic, whatever order lines, promotions, rules and codes come in', () => {
        fast_check_1.default.assert(fast_check_1.default.property(inputArbitrary, (input) => {
            const result = (0, price_cart_1.priceCart)(input);
            expect((0, price_cart_1.priceCart)(structuredClone(input))).toEqual(result);
            const other = (0, price_cart_1.priceCart)(reordered(input));
            expect({ ...other, lines: [...other.lines].reverse() }).toEqual(result);
        }), { numRuns: 200 });
    });
    it('gives the same answer through the built-in tax provider', async () => {
        await fast_check_1.default.assert(fast_check_1.default.asyncProperty(inputArbitrary, async (input) => {
            expect(await (0, price_cart_1.priceCartWithTaxProvider)(input, (0, tax_provider_1.builtInTaxProvider)(input.taxRules))).toEqual((0, price_cart_1.priceCart)(input));
        }), { numRuns: 100 });
    });
    it('rounds stacked percentages on the order per line, or once per order, as a plain reference computes them', () => {
        const percentages = fast_check_1.default.uniqueArray(fast_check_1.default.record({ promotionId: fast_check_1.default.constantFrom('a', 'b', 'c', 'd'), basisPoints, priority: fast_check_1.default.integer({ min: 0, max: 3 }) }), {
            maxLength: 4,
            selector: ({ promotionId }) => promotionId,
        });
        fast_check_1.default.assert(fast_check_1.default.property(linesArbitrary, percentages, fast_check_1.default.constantFrom('PER_LINE', 'PER_ORDER'), (lines, offs, rounding) => {
            const promotions = offs.map(({ promotionId, basisPoints: off, priority }) => ({
                ...promotionFor(promotionId, off),
                priority,
            }));
            const result = (0, price_cart_1.priceCart)({ ...plainInput(lines), settings: { currencyCode: 'CAD', rounding, pricesIncludeTax: false }, promotions });
            const inOrder = [...promotions]
                .sort((a, b) => a.priority - b.priority || (a.promotionId < b.promotionId ? -1 : 1))
                .map(({ value }) => BigInt(value.basisPoints));
            const subtotals = lines.map(({ unitPrice, quantity }) => BigInt(unitPrice * quantity));
            let expected;
            if (rounding === 'PER_LINE') {
                expected = subtotals.reduce((total, subtotal) => total + subtotal - inOrder.reduce((left, off) => left - halfEven(left * off, 10000n), subtotal), 0n);
            }
            else {
                const denominator = 10000n ** BigInt(inOrder.length);
                const keptShare = inOrder.reduce((kept, off) => kept * (10000n - off), 1n);
                expected = halfEven(subtotals.reduce((a, b) => a + b, 0n) * (denominator - keptShare), denominator);
            }
            expect(BigInt(result.discountTotal)).toBe(expected);
        }), { numRuns: 300 });
    });
    it('rounds tax per line, or once per rule per order, on the amounts after discounts', () => {
        fast_check_1.default.assert(fast_check_1.default.property(inputArbitrary, fast_check_1.default.integer({ min: 0, max: 3000 }), fast_check_1.default.constantFrom('PER_LINE', 'PER_ORDER'), (input, rate, rounding) => {
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
            const result = (0, price_cart_1.priceCart)(taxed);
            const bases = result.lines.map(({ subtotal, discountTotal }) => BigInt(subtotal - discountTotal));
            const expected = rounding === 'PER_LINE'
                ? bases.reduce((total, base) => total + halfEven(base * BigInt(rate), 10000n), 0n)
                : halfEven(bases.reduce((a, b) => a + b, 0n) * BigInt(rate), 10000n);
            expect(BigInt(result.taxTotal)).toBe(expected);
        }), { numRuns: 200 });
    });
});
/** Half-even rounding of numerator / denominator (both non-negative), written apart from the engine's. */
function halfEven(numerator, denominator) {
    const quotient = numerator / denominator;
    const twiceRest = 2n * (numerator % denominator);
    if (twiceRest !== denominator)
        return twiceRest < denominator ? quotient : quotient + 1n;
    return quotient % 2n === 0n ? quotient : quotient + 1n;
}
function promotionFor(promotionId, basisPoints) {
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
function plainInput(lines) {
    return {
        settings: { currencyCode: 'CAD', rounding: 'PER_LINE', pricesIncludeTax: false },
        lines,
        customer: { customerId: null, taxExempt: false },
        shippingAddress: null,
        shippingRate: null,
        promotions: [],
        codes: [],
        taxRules: [],
        now: pricing_fixtures_1.NOW,
    };
}
//# sourceMappingURL=price-cart.property.test.js.map