"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const shipping_rates_1 = require("./shipping-rates");
const canada = { zoneId: 'z-ca', name: 'Canada', regions: [{ countryCode: 'CA', provinceCode: null, postalCodePrefix: null }] };
const bcAndDowntownToronto = {
    zoneId: 'z-local',
    name: 'Local',
    regions: [
        { countryCode: 'CA', provinceCode: 'BC', postalCodePrefix: null },
        { countryCode: 'CA', provinceCode: null, postalCodePrefix: 'm5v' },
    ],
};
function method(methodId, overrides = {}) {
    return {
        methodId,
        name: methodId,
        zone: canada,
        rate: { kind: 'FLAT', amount: 500 },
        freeOverSubtotal: null,
        currencyCode: 'CAD',
        taxClass: null,
        ...overrides,
    };
}
const address = (provinceCode, postalCode, countryCode = 'CA') => ({ countryCode, provinceCode, postalCode });
const facts = (overrides = {}) => ({
    address: address('BC', 'V6B 1A1'),
    totalWeightGrams: 0,
    subtotal: 2000,
    currencyCode: 'CAD',
    ...overrides,
});
const offered = (methods, cart) => (0, shipping_rates_1.availableShippingRates)(methods, cart).map(({ rateId, amount }) => [rateId, amount]);
describe('shipping zones', () => {
    it('cover a whole country, a province of it, or the postal codes that begin with a prefix (spaces and case ignored)', () => {
        expect((0, shipping_rates_1.zoneContains)(canada, address(null, null))).toBe(true);
        expect((0, shipping_rates_1.zoneContains)(canada, address('BC', null, 'US'))).toBe(false);
        expect((0, shipping_rates_1.zoneContains)(bcAndDowntownToronto, address('BC', null))).toBe(true);
        expect((0, shipping_rates_1.zoneContains)(bcAndDowntownToronto, address('ON', 'M5V 3L9'))).toBe(true);
        expect((0, shipping_rates_1.zoneContains)(bcAndDowntownToronto, address('ON', 'M4C 1A1'))).toBe(false);
        expect((0, shipping_rates_1.zoneContains)(bcAndDowntownToronto, address('ON', null))).toBe(false);
    });
});
describe('availableShippingRates', () => {
    it('offers nothing before the cart has an address', () => {
        expect((0, shipping_rates_1.availableShippingRates)([method('std')], facts({ address: null }))).toEqual([]);
    });
    it('offers the methods whose zone covers the address, with their rate and zone', () => {
        const local = method('courier', { zone: bcAndDowntownToronto, rate: { kind: 'FLAT', amount: 900 }, taxClass: 'shipping' });
        expect((0, shipping_rates_1.availableShippingRates)([method('std'), local], facts())).toEqual([
            { rateId: 'std', methodId: 'std', zoneId: 'z-ca', title: 'std', amount: 500, currencyCode: 'CAD', taxClass: null, freeOverApplied: false },
            {
                rateId: 'courier',
                methodId: 'courier',
                zoneId: 'z-local',
                title: 'courier',
                amount: 900,
                currencyCode: 'CAD',
                taxClass: 'shipping',
                freeOverApplied: false,
            },
        ]);
        expect(offered([method('std'), local], facts({ address: address('AB', 'T2P 1J9') }))).toEqual([['std', 500]]);
        expect(offered([method('std'), local], facts({ address: address(null, null, 'FR') }))).toEqual([]);
    });
    it('prices by weight bracket, lower end inclusive and upper end exclusive, and skips a cart no bracket holds', () => {
        const byWeight = method('post', {
            rate: {
                kind: 'BY_WEIGHT',
                brackets: [
                    { minWeightGrams: 1000, maxWeightGrams: 5000, amount: 1200 },
                    { minWeightGrams: 0, maxWeightGrams: 1000, amount: 700 },
                ],
            },
        });
        expect(offered([byWeight], facts({ totalWeightGrams: 0 }))).toEqual([['post', 700]]);
        expect(offered([byWeight], facts({ totalWeightGrams: 999 }))).toEqual([['post', 700]]);
        expect(offered([byWeight], facts({ totalWeightGrams: 1000 }))).toEqual([['post', 1200]]);
        expect(offered([byWeight], facts({ totalWeightGrams: 5000 }))).toEqual([]);
    });
    it('prices by band of the subtotal, with an open top band', () => {
        const byPrice = method('band', {
            rate: {
                kind: 'BY_PRICE',
                bands: [
                    { minSubtotal: 0, maxSubtotal: 5000, amount: 800 },
                    { minSubtotal: 5000, maxSubtotal: null, amount: 300 },
                ],
            },
        });
        expect(offered([byPrice], facts({ subtotal: 4999 }))).toEqual([['band', 800]]);
        expect(offered([byPrice], facts({ subtotal: 5000 }))).toEqual([['band', 300]]);
        expect(offered([byPrice], facts({ subtotal: 10_000_000 }))).toEqual([['band', 300]]);
    });
    it('makes a method free at or above its free-over threshold, and says so', () => {
        const freeOver = method('std', { rate: { kind: 'FLAT', amount: 500 }, freeOverSubtotal: 5000 });
        expect((0, shipping_rates_1.availableShippingRates)([freeOver], facts({ subtotal: 4999 }))[0]).toMatchObject({ amount: 500, freeOverApplied: false });
        expect((0, shipping_rates_1.availableShippingRates)([freeOver], facts({ subtotal: 5000 }))[0]).toMatchObject({ amount: 0, freeOverApplied: true });
    });
    it("offers only methods in the cart's currency", () => {
        expect(offered([method('cad'), method('usd', { currencyCode: 'USD' })], facts())).toEqual([['cad', 500]]);
    });
    it('lists cheapest first, then by title, then by id, whatever order the methods came in', () => {
        const methods = [
            method('c', { name: 'Express', rate: { kind: 'FLAT', amount: 1500 } }),
            method('b', { name: 'Standard' }),
            method('a', { name: 'Standard' }),
            method('d', { name: 'Economy' }),
        ];
        const expected = [
            ['d', 500],
            ['a', 500],
            ['b', 500],
            ['c', 1500],
        ];
        expect(offered(methods, facts())).toEqual(expected);
        expect(offered([...methods].reverse(), facts())).toEqual(expected);
    });
    it('refuses methods and facts that break the contract', () => {
        expect(() => (0, shipping_rates_1.availableShippingRates)([method('neg', { rate: { kind: 'FLAT', amount: -1 } })], facts())).toThrow(/amount/);
        expect(() => (0, shipping_rates_1.availableShippingRates)([method('frac', { rate: { kind: 'FLAT', amount: 1.5 } })], facts())).toThrow(RangeError);
        expect(() => (0, shipping_rates_1.availableShippingRates)([method('nozone', { zone: { zoneId: 'z', name: 'z', regions: [] } })], facts())).toThrow(/no region/);
        expect(() => (0, shipping_rates_1.availableShippingRates)([method('nobands', { rate: { kind: 'BY_PRICE', bands: [] } })], facts())).toThrow(/no price band/);
        const overlapping = method('overlap', {
            rate: {
                kind: 'BY_WEIGHT',
                brackets: [
                    { minWeightGrams: 0, maxWeightGrams: null, amount: 100 },
                    { minWeightGrams: 500, maxWeightGrams: 1000, amount: 200 },
                ],
            },
        });
        expect(() => (0, shipping_rates_1.availableShippingRates)([overlapping], facts())).toThrow(/overlap/);
        const empty = method('empty', { rate: { kind: 'BY_WEIGHT', brackets: [{ minWeightGrams: 10, maxWeightGrams: 10, amount: 100 }] } });
        expect(() => (0, shipping_rates_1.availableShippingRates)([empty], facts())).toThrow(/empty/);
        expect(() => (0, shipping_rates_1.availableShippingRates)([method('std')], facts({ totalWeightGrams: -1 }))).toThrow(/weight/);
        expect(() => (0, shipping_rates_1.availableShippingRates)([method('std', { freeOverSubtotal: -5 })], facts())).toThrow(/free-over/);
    });
});
//# sourceMappingURL=shipping-rates.test.js.map