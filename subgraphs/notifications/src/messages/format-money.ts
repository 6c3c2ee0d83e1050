import { currencyFractionDigits } from '@ultramarket/kit';
import type { MoneyData } from '../event-handlers/event-data';

const formats = new Map<string, Intl.NumberFormat>();

/** `{ amount: 2599, currencyCode: 'USD' }` → `"$25.99"`; minor units follow the currency (JPY has none). */
export function formatMoney({ amount, currencyCode }: MoneyData): string {
  let format = formats.get(currencyCode);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency: currencyCode });
    formats.set(currencyCode, format);
  }
  return format.format(amount / 10 ** currencyFractionDigits(currencyCode));
}
