"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.currencyFractionDigits = currencyFractionDigits;
exports.decimalAmount = decimalAmount;
const fractionDigitsByCurrency = new Map();
/**
 * How many minor-unit digits a currency has (USD 2, JPY 0, BHD 3), as ISO 4217 says through Intl; 2 for a code Intl
 * does not know. Money is integer minor units everywhere (BLUEPRINT "Data"): this is the one place they meet decimals.
 */
function currencyFractionDigits(currencyCode) {
    let digits = fractionDigitsByCurrency.get(currencyCode);
    if (digits === undefined) {
        try {
            digits = new Intl.NumberFormat('en-US', { style: 'currency', currency: currencyCode }).resolvedOptions().maximumFractionDigits ?? 2;
        }
        catch {
            digits = 2;
        }
        fractionDigitsByCurrency.set(currencyCode, digits);
    }
    return digits;
}
/** Minor units as an exact decimal string in the major unit, without floating point: 4999 USD → "49.99", 500 JPY → "500". */
function decimalAmount(money) {
    const digits = currencyFractionDigits(money.currencyCode);
    const units = String(money.amount).padStart(digits + 1, '0');
    return digits === 0 ? units : `${units.slice(0, -digits)}.${units.slice(-digits)}`;
}
//# sourceMappingURL=currency-units.js.map