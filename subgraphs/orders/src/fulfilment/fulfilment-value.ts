import type { Order } from '../order/order.entity';
import type { OrderLineItem } from '../order/order-line-item.entity';

/** Units of one order line a shipment or a remainder cancellation settles. */
export interface SettledUnits {
  line: OrderLineItem;
  quantity: number;
}

/** What a line charges after its discounts, tax included (its priced total; lines placed before carts: from their parts). */
function lineCharge(order: Order, line: OrderLineItem): bigint {
  if (line.totalAmount !== null) return BigInt(line.totalAmount);
  const tax = order.pricesIncludeTax ? 0n : BigInt(line.taxAmount);
  return BigInt(line.unitPriceAmount) * BigInt(line.quantity) - BigInt(line.discountAmount) + tax;
}

/**
 * The share of a line's charge its units `before + 1 … before + quantity` carry: pro rata by quantity, by
 * cumulative floors, so the shares of all a line's units add up to its charge exactly whatever the split.
 */
function lineShare(order: Order, line: OrderLineItem, before: number, quantity: number): bigint {
  const charge = lineCharge(order, line);
  const units = BigInt(line.quantity);
  const upTo = (count: number) => (charge * BigInt(count)) / units;
  return upTo(before + quantity) - upTo(before);
}

/**
 * The value of settling `units` (the issue-15 contract, schema/events.md): each line's share of its total after
 * discounts incl. tax, plus the order's whole shipping total on the first settlement; the settlement that leaves no
 * unit open takes exactly what the earlier ones (`settledBefore`) left of the order total, so the values add up to
 * it. Lines are read as they were before this settlement (their fulfilled and cancelled quantities).
 */
export function settlementValue(order: Order, units: readonly SettledUnits[], settledBefore: { count: number; amount: number }, closesOrder: boolean): number {
  if (closesOrder) return order.totalAmount - settledBefore.amount;
  const lines = units.reduce((sum, { line, quantity }) => sum + lineShare(order, line, line.fulfilledQuantity + line.cancelledQuantity, quantity), 0n);
  const shipping = settledBefore.count === 0 ? BigInt(order.shippingAmount) : 0n;
  return Number(lines + shipping);
}
