"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.zoneContains = zoneContains;
exports.checkShippingMethod = checkShippingMethod;
exports.availableShippingRates = availableShippingRates;
function normalisedPostalCode(postalCode) {
    return postalCode.replace(/\s+/g, '').toUpperCase();
}
function regionContains(region, address) {
    if (region.countryCode.toUpperCase() !== address.countryCode.toUpperCase())
        return false;
    if (region.provinceCode !== null && region.provinceCode.toUpperCase() !== address.provinceCode?.toUpperCase())
        return false;
    if (region.postalCodePrefix === null)
        return true;
    return address.postalCode !== null && normalisedPostalCode(address.postalCode).startsWith(normalisedPostalCode(region.postalCodePrefix));
}
/** Whether a zone covers an address: any of its regions does. */
function zoneContains(zone, address) {
    return zone.regions.some((region) => regionContains(region, address));
}
function inRange(value, min, max) {
    return value >= min && (max === null || value < max);
}
/** The method's amount before the free-over threshold, or null when no bracket or band holds the cart. */
function baseAmountOf(rate, facts) {
    switch (rate.kind) {
        case 'FLAT':
            return rate.amount;
        case 'BY_WEIGHT':
            return rate.brackets.find((bracket) => inRange(facts.totalWeightGrams, bracket.minWeightGrams, bracket.maxWeightGrams))?.amount ?? null;
        case 'BY_PRICE':
            return rate.bands.find((band) => inRange(facts.subtotal, band.minSubtotal, band.maxSubtotal))?.amount ?? null;
    }
}
function checkAmount(value, field) {
    if (!Number.isSafeInteger(value) || value < 0)
        throw new RangeError(`shipping rates: ${field} must be a whole number of minor units ≥ 0, got ${value}`);
}
function checkRanges(ranges, field) {
    const sorted = [...ranges].sort((a, b) => a.min - b.min);
    sorted.forEach((range, index) => {
        checkAmount(range.min, `${field} minimum`);
        checkAmount(range.amount, `${field} amount`);
        if (range.max !== null && range.max <= range.min)
            throw new RangeError(`shipping rates: ${field} ${range.min}–${range.max} is empty`);
        const next = sorted[index + 1];
        if (next !== undefined && (range.max === null || range.max > next.min)) {
            throw new RangeError(`shipping rates: ${field}s ${range.min}–${range.max ?? '∞'} and ${next.min}–${next.max ?? '∞'} overlap`);
        }
    });
}
/**
 * Refuses a method that breaks the contract (a negative or fractional amount, an empty or overlapping bracket or
 * band, a zone without regions) with a RangeError naming it: the shipping subgraph validates what merchants type
 * and answers UserErrors, so reaching here with such a method is a bug.
 */
function checkShippingMethod(method) {
    const where = `method ${method.methodId}`;
    if (method.zone.regions.length === 0)
        throw new RangeError(`shipping rates: ${where}'s zone covers no region`);
    if (method.freeOverSubtotal !== null)
        checkAmount(method.freeOverSubtotal, `${where} free-over subtotal`);
    const { rate } = method;
    if (rate.kind === 'FLAT')
        checkAmount(rate.amount, `${where} amount`);
    if (rate.kind === 'BY_WEIGHT') {
        if (rate.brackets.length === 0)
            throw new RangeError(`shipping rates: ${where} has no weight bracket`);
        checkRanges(rate.brackets.map((bracket) => ({ min: bracket.minWeightGrams, max: bracket.maxWeightGrams, amount: bracket.amount })), `${where} weight bracket`);
    }
    if (rate.kind === 'BY_PRICE') {
        if (rate.bands.length === 0)
            throw new RangeError(`shipping rates: ${where} has no price band`);
        checkRanges(rate.bands.map((band) => ({ min: band.minSubtotal, max: band.maxSubtotal, amount: band.amount })), `${where} price band`);
    }
}
function compareRates(a, b) {
    if (a.amount !== b.amount)
        return a.amount - b.amount;
    if (a.title !== b.title)
        return a.title < b.title ? -1 : 1;
    return a.methodId < b.methodId ? -1 : a.methodId > b.methodId ? 1 : 0;
}
/**
 * The rates a cart can choose: every method whose zone covers the address, whose currency is the cart's, and
 * whose bracket or band holds the cart's weight or subtotal; a subtotal at or above the method's free-over
 * threshold makes it 0. Cheapest first, then by title, then by method id, whatever order the methods came in.
 * No address, no rates.
 */
function availableShippingRates(methods, facts) {
    checkAmount(facts.totalWeightGrams, 'cart weight');
    checkAmount(facts.subtotal, 'cart subtotal');
    methods.forEach(checkShippingMethod);
    const { address } = facts;
    if (address === null)
        return [];
    const rates = [];
    for (const method of methods) {
        if (method.currencyCode.toUpperCase() !== facts.currencyCode.toUpperCase() || !zoneContains(method.zone, address))
            continue;
        const baseAmount = baseAmountOf(method.rate, facts);
        if (baseAmount === null)
            continue;
        const freeOverApplied = method.freeOverSubtotal !== null && facts.subtotal >= method.freeOverSubtotal;
        rates.push({
            rateId: method.methodId,
            methodId: method.methodId,
            zoneId: method.zone.zoneId,
            title: method.name,
            amount: freeOverApplied ? 0 : baseAmount,
            currencyCode: method.currencyCode,
            taxClass: method.taxClass,
            freeOverApplied,
        });
    }
    return rates.sort(compareRates);
}
//# sourceMappingURL=shipping-rates.js.map