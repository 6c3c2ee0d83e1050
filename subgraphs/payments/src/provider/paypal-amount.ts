import { currencyFractionDigits, decimalAmount, type Money } from '@ultramarket/kit';

/** PayPal's money: a decimal string in the currency's major unit (`"12.34"`, `"1234"` for JPY). */
export interface PayPalMoney {
  currencyCode: string;
  value: string;
}

/** Our integer minor units as PayPal's decimal string: 4999 USD → "49.99", 500 JPY → "500". */
export function toPayPalMoney(money: Money): PayPalMoney {
  return { currencyCode: money.currencyCode, value: decimalAmount(money) };
}

/**
 * PayPal's decimal string as our minor units, exactly (no floating point), or null when it is not a plain
 * non-negative decimal or has more precision than the currency: such an amount can never equal one of ours.
 */
export function minorUnitsOf(money: PayPalMoney): number | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(money.value);
  if (!match) return null;
  const digits = currencyFractionDigits(money.currencyCode);
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > digits) return null;
  const units = Number(match[1] + fraction.padEnd(digits, '0'));
  return Number.isSafeInteger(units) ? units : null;
}

/** Whether PayPal's amount is exactly ours: same currency, same minor units. */
export function samePayPalAmount(ours: Money, theirs: PayPalMoney | undefined): boolean {
  return theirs !== undefined && theirs.currencyCode === ours.currencyCode && minorUnitsOf(theirs) === ours.amount;
}
