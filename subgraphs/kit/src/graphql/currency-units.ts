import type { Money } from './money.type';

const fractionDigitsByCurrency = new Map<string, number>();

/**
 * How many minor-unit digits a currency has (USD 2, JPY 0, BHD 3), as ISO 4217 says through Intl; 2 for a code Intl
 * does not know. Money is integer minor units everywhere (BLUEPRINT "Data"): this is the one place they meet decimals.
 */
export function currencyFractionDigits(currencyCode: string): number {
  let digits = fractionDigitsByCurrency.get(currencyCode);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en-US', { style: 'currency', currency: currencyCode }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    fractionDigitsByCurrency.set(currencyCode, digits);
  }
  return digits;
}

/** Minor units as an exact decimal string in the major unit, without floating point: 4999 USD → "49.99", 500 JPY → "500". */
export function decimalAmount(money: Money): string {
  const digits = currencyFractionDigits(money.currencyCode);
  const units = String(money.amount).padStart(digits + 1, '0');
  return digits === 0 ? units : `${units.slice(0, -digits)}.${units.slice(-digits)}`;
}
