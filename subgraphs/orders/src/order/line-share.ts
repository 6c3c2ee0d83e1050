import type { Order } from './order.entity';
import type { OrderLineItem } from './order-line-item.entity';

/** What a line charges after its discounts, tax included (its priced total; lines placed before carts: from their parts). */
export function lineCharge(order: Order, line: OrderLineItem): bigint {
  if (line.totalAmount !== null) return BigInt(line.totalAmount);
  const tax = order.pricesIncludeTax ? 0n : BigInt(line.taxAmount);
  return BigInt(line.unitPriceAmount) * BigInt(line.quantity) - BigInt(line.discountAmount) + tax;
}

/**
 * The share of a line's charge its units `before + 1 … before + quantity` carry: pro rata by quantity, by
 * cumulative floors, so the shares of all a line's units add up to its charge exactly whatever the split. One rule
 * for what a shipment settles (fulfilment-value.ts) and what a refund of units gives back (refund-amounts.ts).
 */
export function lineShare(order: Order, line: OrderLineItem, before: number, quantity: number): bigint {
  const charge = lineCharge(order, line);
  const units = BigInt(line.quantity);
  const upTo = (count: number) => (charge * BigInt(count)) / units;
  return upTo(before + quantity) - upTo(before);
}
