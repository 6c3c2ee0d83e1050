"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const fast_check_1 = __importDefault(require("fast-check"));
const shipping_rates_1 = require("./shipping-rates");
const countries = ['CA', 'US', 'FR'];
const provinces = [null, 'BC', 'ON', 'NY'];
const prefixes = [null, 'V6', 'V6B', 'M5', '10'];
const postalCodes = [null, 'V6B 1A1', 'v6a 2b2', 'M5V 3L9', '10001'];
/** A number in [min, max], often a round one, so that carts land exactly on bounds and thresholds. */
const edgy = (min, max) => fast_check_1.default.oneof(fast_check_1.default.integer({ min, max }), fast_check_1.default.integer({ min: Math.ceil(min / 5000), max: Math.floor(max / 5000) }).map((n) => n * 5000));
/** Cut points 0 < a < b < … into non-overlapping ranges starting at 0, the last one open or closed. */
const steps = (max) => fast_check_1.default
    .record({
    cuts: fast_check_1.default.uniqueArray(edgy(1, max), { maxLength: 4 }),
    amounts: fast_check_1.default.array(fast_check_1.default.integer({ min: 0, max: 100_000 }), { minLength: 5, maxLength: 5 }),
    open: fast_check_1.default.boolean(),
})
    .map(({ cuts, amounts, open }) => {
    const bounds = [0, ...[...cuts].sort((a, b) => a - b)];
    return bounds.map((min, index) => ({ min, max: bounds[index + 1] ?? (open ? null : max + 1), amount: amounts[index] }));
});
const ruleArbitrary = fast_check_1.default.oneof(fast_check_1.default.integer({ min: 0, max: 100_000 }).map((amount) => ({ kind: 'FLAT', amount })), steps(20_000).map((ranges) => ({
    kind: 'BY_WEIGHT',
    brackets: ranges.map(({ min, max, amount }) => ({ minWeightGrams: min, maxWeightGrams: max, amount })),
})), steps(50_000).map((ranges) => ({ kind: 'BY_PRICE', bands: ranges.map(({ min, max, amount }) => ({ minSubtotal: min, maxSubtotal: max, amount })) })));
const methodArbitrary = fast_check_1.default.record({
    idNumber: fast_check_1.default.integer({ min: 0, max: 999 }),
    name: fast_check_1.default.constantFrom('Standard', 'Express', 'Economy'),
    regions: fast_check_1.default.array(fast_check_1.default.record({ countryCode: fast_check_1.default.constantFrom(...countries), provinceCode: fast_check_1.default.constantFrom(...provinces), postalCodePrefix: fast_check_1.default.constantFrom(...prefixes) }), { minLength: 1, maxLength: 3 }),
    rate: ruleArbitrary,
    freeOverSubtotal: fast_check_1.default.option(edgy(0, 50_000), { nil: null }),
    currencyCode: fast_check_1.default.constantFrom('CAD', 'CAD', 'USD'),
});
const methodsArbitrary = fast_check_1.default.uniqueArray(methodArbitrary, { maxLength: 8, selector: (method) => method.idNumber }).map((methods) => methods.map((method) => ({
    methodId: `m-${method.idNumber}`,
    name: method.name,
    zone: { zoneId: `z-${method.idNumber}`, name: 'zone', regions: method.regions },
    rate: method.rate,
    freeOverSubtotal: method.freeOverSubtotal,
    currencyCode: method.currencyCode,
    taxClass: null,
})));
const factsArbitrary = fast_check_1.default.record({
    address: fast_check_1.default.option(fast_check_1.default.record({ countryCode: fast_check_1.default.constantFrom(...countries), provinceCode: fast_check_1.default.constantFrom(...provinces), postalCode: fast_check_1.default.constantFrom(...postalCodes) }), { nil: null }),
    totalWeightGrams: edgy(0, 25_000),
    subtotal: edgy(0, 60_000),
    currencyCode: fast_check_1.default.constant('CAD'),
});
/** What a method costs the cart, worked out the plain way: null when it is not offered. */
function referenceAmount(method, facts) {
    if (method.currencyCode !== facts.currencyCode || !(0, shipping_rates_1.zoneContains)(method.zone, facts.address))
        return null;
    const { rate } = method;
    const within = (value, min, max) => value >= min && (max === null || value < max);
    const base = rate.kind === 'FLAT'
        ? rate.amount
        : rate.kind === 'BY_WEIGHT'
            ? (rate.brackets.find((bracket) => within(facts.totalWeightGrams, bracket.minWeightGrams, bracket.maxWeightGrams))?.amount ?? null)
            : (rate.bands.find((band) => within(facts.subtotal, band.minSubtotal, band.maxSubtotal))?.amount ?? null);
    if (base === null)
        return null;
    return method.freeOverSubtotal !== null && facts.subtotal >= method.freeOverSubtotal ? 0 : base;
}
describe('availableShippingRates properties', () => {
    it('offers exactly the methods the plain reference offers, at its amounts, cheapest first, whatever their order', () => {
        fast_check_1.default.assert(fast_check_1.default.property(methodsArbitrary, factsArbitrary, fast_check_1.default.infiniteStream(fast_check_1.default.double({ min: 0, max: 1, noNaN: true })), (methods, facts, randoms) => {
            const rates = (0, shipping_rates_1.availableShippingRates)(methods, facts);
            if (facts.address === null)
                return rates.length === 0;
            const expected = new Map(methods.flatMap((method) => {
                const amount = referenceAmount(method, { ...facts, address: facts.address });
                return amount === null ? [] : [[method.methodId, amount]];
            }));
            expect(new Map(rates.map((rate) => [rate.methodId, rate.amount]))).toEqual(expected);
            for (let index = 1; index < rates.length; index++)
                expect(rates[index - 1].amount).toBeLessThanOrEqual(rates[index].amount);
            const shuffled = methods
                .map((method) => ({ method, key: randoms.next().value }))
                .sort((a, b) => a.key - b.key)
                .map(({ method }) => method);
            expect((0, shipping_rates_1.availableShippingRates)(shuffled, facts)).toEqual(rates);
            return true;
        }), { numRuns: 1000 });
    });
});
//# sourceMappingURL=shipping-rates.property.test.js.map