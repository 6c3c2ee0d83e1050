import type { Money } from './money.type';
/**
 * How many minor-unit digits a currency has (USD 2, JPY 0, BHD 3), as ISO 4217 says through Intl; 2 for a code Intl
 * does not know. Money is integer minor units everywhere (BLUEPRINT "Data"): this is the one place they meet decimals.
 */
export declare function currencyFractionDigits(currencyCode: string): number;
/** Minor units as an exact decimal string in the major unit, without floating point: 4999 USD → "49.99", 500 JPY → "500". */
export declare function decimalAmount(money: Money): string;
