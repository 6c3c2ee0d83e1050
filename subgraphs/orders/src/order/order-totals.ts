import type { OrdersConfig } from '../orders-config';

/** What an order charges, in minor units. */
export interface OrderTotals {
  subtotal: number;
  shipping: number;
  tax: number;
  total: number;
}

/** The platform's largest order total, in minor units: the largest amount served exactly as a SafeInt. */
export const MAX_ORDER_TOTAL = Number.MAX_SAFE_INTEGER;

/**
 * The totals of priced lines, computed in BigInt so that no line total, subtotal or tax is rounded
 * by floating point; null when the total would exceed `MAX_ORDER_TOTAL`. Tax is the subtotal's
 * `taxRateBasisPoints`, rounded half up to a minor unit.
 */
export function orderTotals(
  lines: { unitPriceAmount: number; quantity: number }[],
  config: Pick<OrdersConfig, 'flatShippingAmount' | 'taxRateBasisPoints'>,
): OrderTotals | null {
  const subtotal = lines.reduce((sum, line) => sum + BigInt(line.unitPriceAmount) * BigInt(line.quantity), 0n);
  const tax = (subtotal * BigInt(config.taxRateBasisPoints) + 5_000n) / 10_000n;
  const shipping = BigInt(config.flatShippingAmount);
  const total = subtotal + shipping + tax;
  if (total > BigInt(MAX_ORDER_TOTAL)) return null;
  return { subtotal: Number(subtotal), shipping: Number(shipping), tax: Number(tax), total: Number(total) };
}
