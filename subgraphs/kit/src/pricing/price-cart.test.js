"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const price_cart_1 = require("./price-cart");
const pricing_fixtures_1 = require("../../test/support/pricing-fixtures");
const tax_provider_1 = require("./tax-provider");
const vancouver = { countryCode: 'CA', provinceCode: 'BC', postalCode: 'V5K 0A1' };
const toronto = { countryCode: 'CA', provinceCode: 'ON', postalCode: 'M5V 2T6' };
const canada = [
    (0, pricing_fixtures_1.taxRule)('bc-gst', 500, { provinceCode: 'BC' }),
    (0, pricing_fixtures_1.taxRule)('bc-pst', 700, { provinceCode: 'BC' }),
    (0, pricing_fixtures_1.taxRule)('on-hst', 1300, { provinceCode: 'ON' }),
    (0, pricing_fixtures_1.taxRule)('ca-gst', 500),
];
const standardShipping = { rateId: 'standard', title: 'Standard', amount: 1500, taxClass: null };
function totalsOf(input) {
    const { subtotal, discountTotal, shippingTotal, taxTotal, total } = (0, price_cart_1.priceCart)(input);
    return { subtotal, discountTotal, shippingTotal, taxTotal, total };
}
describe('priceCart', () => {
    it('prices lines and shipping when there is nothing else', () => {
        expect(totalsOf((0, pricing_fixtures_1.pricingInput)({ lines: [(0, pricing_fixtures_1.pricingLine)('a', 1999, 2)], shippingRate: standardShipping }))).toEqual({
            subtotal: 3998,
            discountTotal: 0,
            shippingTotal: 1500,
            taxTotal: 0,
            total: 5498,
        });
    });
    it('gives 0, not a negative total, for a 10 % code on top of a 100 % automatic promotion', () => {
        const result = (0, price_cart_1.priceCart)((0, pricing_fixtures_1.pricingInput)({
            lines: [(0, pricing_fixtures_1.pricingLine)('a', 2500, 1), (0, pricing_fixtures_1.pricingLine)('b', 1000, 3)],
            promotions: [
                (0, pricing_fixtures_1.promotion)('everything', { kind: 'PERCENTAGE', basisPoints: 10_000 }),
                (0, pricing_fixtures_1.promotion)('save10', { kind: 'PERCENTAGE', basisPoints: 1000 }, { code: 'SAVE10', priority: 1 }),
            ],
            codes: ['SAVE10'],
        }));
        expect(result.total).toBe(0);
        expect(result.lines.map(({ total }) => total)).toEqual([0, 0]);
        expect(result.appliedPromotions.map(({ promotionId, amount }) => [promotionId, amount])).toEqual([
            ['everything', 5500],
            ['save10', 0],
        ]);
    });
    it('gives 0 for a fixed 50.00 off a 30.00 cart', () => {
        const input = (0, pricing_fixtures_1.pricingInput)({
            lines: [(0, pricing_fixtures_1.pricingLine)('a', 1000, 1), (0, pricing_fixtures_1.pricingLine)('b', 2000, 1)],
            promotions: [(0, pricing_fixtures_1.promotion)('fifty', { kind: 'FIXED_AMOUNT', amount: 5000 })],
        });
        expect(totalsOf(input)).toEqual({ subtotal: 3000, discountTotal: 3000, shippingTotal: 0, taxTotal: 0, total: 0 });
        expect((0, price_cart_1.priceCart)(input).appliedPromotions).toEqual([{ promotionId: 'fifty', title: 'fifty', code: null, amount: 3000 }]);
    });
    it('spreads a fixed amount over lines with the remainder by largest remainder, then lineId', () => {
        const result = (0, price_cart_1.priceCart)((0, pricing_fixtures_1.pricingInput)({
            lines: [(0, pricing_fixtures_1.pricingLine)('c', 1000, 1), (0, pricing_fixtures_1.pricingLine)('b', 1000, 1), (0, pricing_fixtures_1.pricingLine)('a', 1000, 1)],
            promotions: [(0, pricing_fixtures_1.promotion)('ten', { kind: 'FIXED_AMOUNT', amount: 1000 })],
        }));
        expect(result.lines.map(({ lineId, discountTotal }) => [lineId, discountTotal])).toEqual([
            ['c', 333],
            ['b', 333],
            ['a', 334],
        ]);
    });
    it('gives the cheapest units of mixed prices for BUY_X_GET_Y', () => {
        const shirts = (0, pricing_fixtures_1.linesTarget)({ collectionIds: ['shirts'] });
        const result = (0, price_cart_1.priceCart)((0, pricing_fixtures_1.pricingInput)({
            lines: [
                (0, pricing_fixtures_1.pricingLine)('tee', 1500, 2, { collectionIds: ['shirts'] }),
                (0, pricing_fixtures_1.pricingLine)('polo', 3000, 1, { collectionIds: ['shirts'] }),
                (0, pricing_fixtures_1.pricingLine)('tank', 1000, 1, { collectionIds: ['shirts'] }),
                (0, pricing_fixtures_1.pricingLine)('mug', 500, 1),
            ],
            promotions: [(0, pricing_fixtures_1.promotion)('b2g1', { kind: 'BUY_X_GET_Y', buyQuantity: 2, getQuantity: 1, basisPoints: 10_000 }, { target: shirts })],
        }));
        // four shirt units: 30.00, 15.00, 15.00, 10.00 → one group of three, the cheapest (the tank) free; the mug is no shirt
        expect(result.lines.map(({ lineId, discountTotal }) => [lineId, discountTotal])).toEqual([
            ['tee', 0],
            ['polo', 0],
            ['tank', 1000],
            ['mug', 0],
        ]);
        expect(result.total).toBe(6500);
    });
    it("charges British Columbia's GST and PST, and Ontario's HST, on the amount after discounts", () => {
        const cart = {
            lines: [(0, pricing_fixtures_1.pricingLine)('a', 10_000, 1)],
            promotions: [(0, pricing_fixtures_1.promotion)('ten', { kind: 'PERCENTAGE', basisPoints: 1000 })],
            taxRules: canada,
        };
        const bc = (0, price_cart_1.priceCart)((0, pricing_fixtures_1.pricingInput)({ ...cart, shippingAddress: vancouver }));
        expect(bc.taxLines.map(({ ruleId, amount }) => [ruleId, amount])).toEqual([
            ['bc-gst', 450],
            ['bc-pst', 630],
        ]);
        expect(bc.total).toBe(9000 + 1080);
        const on = (0, price_cart_1.priceCart)((0, pricing_fixtures_1.pricingInput)({ ...cart, shippingAddress: toronto }));
        expect(on.taxLines.map(({ ruleId, amount }) => [ruleId, amount])).toEqual([['on-hst', 1170]]);
        expect(on.total).toBe(9000 + 1170);
    });
    it('adds tax to exclusive prices and extracts it from inclusive ones', () => {
        const cart = { lines: [(0, pricing_fixtures_1.pricingLine)('a', 11_200, 1)], shippingAddress: vancouver, taxRules: canada, shippingRate: { ...standardShipping, amount: 1120 } };
        const exclusive = (0, price_cart_1.priceCart)((0, pricing_fixtures_1.pricingInput)(cart));
        expect([exclusive.taxTotal, exclusive.total]).toEqual([1344 + 134, 11_200 + 1120 + 1344 + 134]);
        const inclusive = (0, price_cart_1.priceCart)((0, pricing_fixtures_1.pricingInput)({ ...cart, settings: { currencyCode: 'CAD', rounding: 'PER_LINE', pricesIncludeTax: true } }));
        // 112.00 holds 5.00 GST and 7.00 PST; 11.20 of shipping holds 0.50 and 0.70
        expect(inclusive.lines[0].taxLines.map(({ amount }) => amount)).toEqual([500, 700]);
        expect(inclusive.shippingTaxLines?.map(({ amount }) => amount)).toEqual([50, 70]);
        expect([inclusive.taxTotal, inclusive.total]).toEqual([1320, 11_200 + 1120]);
    });
    it('charges no tax without an address or to a tax-exempt customer', () => {
        const cart = { lines: [(0, pricing_fixtures_1.pricingLine)('a', 10_000, 1)], taxRules: canada };
        expect((0, price_cart_1.priceCart)((0, pricing_fixtures_1.pricingInput)(cart)).taxTotal).toBe(0);
        expect((0, price_cart_1.priceCart)((0, pricing_fixtures_1.pricingInput)({ ...cart, shippingAddress: vancouver, customer: { customerId: 'c', taxExempt: true } })).taxTotal).toBe(0);
        expect((0, price_cart_1.priceCart)((0, pricing_fixtures_1.pricingInput)({ ...cart, shippingAddress: vancouver })).taxTotal).toBe(1200);
    });
    it('makes shipping free above a threshold, and taxes what is left of it', () => {
        const freeOver100 = (0, pricing_fixtures_1.promotion)('free-ship', { kind: 'FREE_SHIPPING' }, { minimumSubtotal: 10_000 });
        const cart = { shippingRate: standardShipping, promotions: [freeOver100], shippingAddress: toronto, taxRules: canada };
        const under = (0, price_cart_1.priceCart)((0, pricing_fixtures_1.pricingInput)({ ...cart, lines: [(0, pricing_fixtures_1.pricingLine)('a', 9999, 1)] }));
        expect([under.shippingTotal, under.shippingTaxTotal, under.rejectedPromotions[0].reason]).toEqual([1500, 195, 'MINIMUM_NOT_MET']);
        const over = (0, price_cart_1.priceCart)((0, pricing_fixtures_1.pricingInput)({ ...cart, lines: [(0, pricing_fixtures_1.pricingLine)('a', 10_000, 1)] }));
        expect([over.shippingTotal, over.shippingTaxTotal, over.shippingDiscounts]).toEqual([0, 0, [{ promotionId: 'free-ship', code: null, amount: 1500 }]]);
    });
    describe('rounding', () => {
        // two lines of 0.05 with 10 % off: 0.005 each
        const discountCart = { lines: [(0, pricing_fixtures_1.pricingLine)('a', 5, 1), (0, pricing_fixtures_1.pricingLine)('b', 5, 1)], promotions: [(0, pricing_fixtures_1.promotion)('ten', { kind: 'PERCENTAGE', basisPoints: 1000 })] };
        // two lines of 1.05 with 10 % tax: 0.105 each
        const taxCart = {
            lines: [(0, pricing_fixtures_1.pricingLine)('a', 105, 1), (0, pricing_fixtures_1.pricingLine)('b', 105, 1)],
            shippingAddress: vancouver,
            taxRules: [(0, pricing_fixtures_1.taxRule)('bc', 1000, { provinceCode: 'BC' })],
        };
        const perOrder = { currencyCode: 'CAD', rounding: 'PER_ORDER', pricesIncludeTax: false };
        it('per line rounds each line half-even: 0.005 + 0.005 → 0.00 off, 0.105 + 0.105 → 0.20 tax', () => {
            expect(totalsOf((0, pricing_fixtures_1.pricingInput)(discountCart)).discountTotal).toBe(0);
            expect(totalsOf((0, pricing_fixtures_1.pricingInput)(taxCart)).taxTotal).toBe(20);
        });
        it('per order rounds the sums once and gives the unit back to a line: 0.01 off, 0.21 tax', () => {
            const discounted = (0, price_cart_1.priceCart)((0, pricing_fixtures_1.pricingInput)({ ...discountCart, settings: perOrder }));
            expect([discounted.discountTotal, ...discounted.lines.map(({ discountTotal }) => discountTotal)]).toEqual([1, 1, 0]);
            const taxed = (0, price_cart_1.priceCart)((0, pricing_fixtures_1.pricingInput)({ ...taxCart, settings: perOrder }));
            expect([taxed.taxTotal, ...taxed.lines.map(({ taxTotal }) => taxTotal)]).toEqual([21, 11, 10]);
            expect(taxed.total).toBe(210 + 21);
        });
    });
    it('prices the worked example of docs/pricing.md both ways', () => {
        const example = (rounding) => (0, price_cart_1.priceCart)((0, pricing_fixtures_1.pricingInput)({
            settings: { currencyCode: 'CAD', rounding, pricesIncludeTax: false },
            lines: [(0, pricing_fixtures_1.pricingLine)('a', 251, 4), (0, pricing_fixtures_1.pricingLine)('b', 1004, 1)],
            promotions: [(0, pricing_fixtures_1.promotion)('save15', { kind: 'PERCENTAGE', basisPoints: 1500 }, { code: 'SAVE15' })],
            codes: ['SAVE15'],
            shippingAddress: vancouver,
            shippingRate: { ...standardShipping, amount: 500 },
            taxRules: canada,
        }));
        const summary = (result) => ({
            lines: result.lines.map(({ lineId, discountTotal, taxLines, total }) => [lineId, discountTotal, taxLines.map(({ amount }) => amount), total]),
            discountTotal: result.discountTotal,
            taxLines: result.taxLines.map(({ ruleId, amount }) => [ruleId, amount]),
            total: result.total,
        });
        expect(summary(example('PER_LINE'))).toEqual({
            lines: [
                ['a', 151, [43, 60], 956],
                ['b', 151, [43, 60], 956],
            ],
            discountTotal: 302,
            taxLines: [
                ['bc-gst', 111],
                ['bc-pst', 155],
            ],
            total: 2472,
        });
        expect(summary(example('PER_ORDER'))).toEqual({
            lines: [
                ['a', 151, [42, 59], 954],
                ['b', 150, [43, 60], 957],
            ],
            discountTotal: 301,
            taxLines: [
                ['bc-gst', 110],
                ['bc-pst', 154],
            ],
            total: 2471,
        });
    });
    it('prices an empty cart at its shipping, with nothing for a promotion to target', () => {
        const result = (0, price_cart_1.priceCart)((0, pricing_fixtures_1.pricingInput)({ shippingRate: standardShipping, promotions: [(0, pricing_fixtures_1.promotion)('ship', { kind: 'FREE_SHIPPING' })] }));
        expect([result.subtotal, result.shippingTotal, result.total]).toEqual([0, 1500, 1500]);
        expect(result.rejectedPromotions).toEqual([{ promotionId: 'ship', code: null, reason: 'NO_TARGET_LINES' }]);
    });
    it('keeps a tax-inclusive price for a tax-exempt customer, with no tax in it', () => {
        const inclusive = { currencyCode: 'CAD', rounding: 'PER_LINE', pricesIncludeTax: true };
        const result = (0, price_cart_1.priceCart)((0, pricing_fixtures_1.pricingInput)({
            settings: inclusive,
            lines: [(0, pricing_fixtures_1.pricingLine)('a', 11_200, 1)],
            shippingAddress: vancouver,
            taxRules: canada,
            customer: { customerId: 'c', taxExempt: true },
        }));
        expect([result.taxTotal, result.total, result.lines[0].taxLines]).toEqual([0, 11_200, []]);
    });
    it('refuses input that breaks the contract instead of pricing it', () => {
        expect(() => (0, price_cart_1.priceCart)((0, pricing_fixtures_1.pricingInput)({ lines: [(0, pricing_fixtures_1.pricingLine)('a', -100, 1)] }))).toThrow(RangeError);
    });
    it('reports every promotion that did not apply, and every unknown code', () => {
        const result = (0, price_cart_1.priceCart)((0, pricing_fixtures_1.pricingInput)({
            lines: [(0, pricing_fixtures_1.pricingLine)('a', 1000, 1)],
            promotions: [(0, pricing_fixtures_1.promotion)('later', { kind: 'PERCENTAGE', basisPoints: 1000 }, { code: 'LATER', startsAt: new Date('2027-01-01T00:00:00Z') })],
            codes: ['LATER', 'TYPO'],
        }));
        expect(result.rejectedPromotions).toEqual([
            { promotionId: 'later', code: 'LATER', reason: 'NOT_STARTED' },
            { promotionId: null, code: 'TYPO', reason: 'UNKNOWN_CODE' },
        ]);
    });
});
describe('priceCartWithTaxProvider', () => {
    const cart = (0, pricing_fixtures_1.pricingInput)({
        lines: [(0, pricing_fixtures_1.pricingLine)('a', 10_000, 1), (0, pricing_fixtures_1.pricingLine)('b', 2500, 2, { taxClass: 'books' })],
        shippingRate: standardShipping,
        shippingAddress: vancouver,
        taxRules: canada,
        promotions: [(0, pricing_fixtures_1.promotion)('ten', { kind: 'PERCENTAGE', basisPoints: 1000 })],
    });
    it('with the built-in rules as provider is priceCart', async () => {
        expect(await (0, price_cart_1.priceCartWithTaxProvider)(cart, (0, tax_provider_1.builtInTaxProvider)(canada))).toEqual((0, price_cart_1.priceCart)(cart));
    });
    it('asks the provider about the lines after discounts and totals its answer', async () => {
        const asked = [];
        const flatProvider = {
            calculateTax: async (request) => {
                asked.push(request);
                const flat = (amount) => [{ ruleId: 'ext', title: 'External', rateBasisPoints: 1000, amount: Math.floor(amount / 10) }];
                return { lines: request.lines.map(({ lineId, amount }) => ({ lineId, taxLines: flat(amount) })), shipping: flat(request.shipping?.amount ?? 0) };
            },
        };
        const result = await (0, price_cart_1.priceCartWithTaxProvider)(cart, flatProvider);
        expect(asked[0].lines.map(({ lineId, amount, taxClass }) => [lineId, amount, taxClass])).toEqual([
            ['a', 9000, null],
            ['b', 4500, 'books'],
        ]);
        expect(asked[0].shipping).toEqual({ rateId: 'standard', taxClass: null, amount: 1500 });
        expect([result.taxTotal, result.total]).toEqual([900 + 450 + 150, 13_500 + 1500 + 1500]);
        expect(result.taxLines).toEqual([{ ruleId: 'ext', title: 'External', rateBasisPoints: 1000, amount: 1500 }]);
    });
    it('does not ask when no tax is due', async () => {
        const provider = { calculateTax: () => Promise.reject(new Error('asked')) };
        const exempt = await (0, price_cart_1.priceCartWithTaxProvider)({ ...cart, customer: { customerId: 'c', taxExempt: true } }, provider);
        expect(exempt.taxTotal).toBe(0);
        expect((await (0, price_cart_1.priceCartWithTaxProvider)({ ...cart, shippingAddress: null }, provider)).taxTotal).toBe(0);
    });
    it('rejects an answer it cannot total', async () => {
        const negative = {
            calculateTax: async () => ({ lines: [{ lineId: 'a', taxLines: [{ ruleId: 'x', title: 'x', rateBasisPoints: 0, amount: -5 }] }], shipping: [] }),
        };
        await expect((0, price_cart_1.priceCartWithTaxProvider)(cart, negative)).rejects.toThrow(/not a whole non-negative amount/);
    });
});
//# sourceMappingURL=price-cart.test.js.map