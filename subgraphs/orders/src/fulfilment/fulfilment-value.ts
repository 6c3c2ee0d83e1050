import type { Order } from '../order/order.entity';
import type { OrderLineItem } from '../order/order-line-item.entity';
import { lineShare } from '../order/line-share';

/** Units of one order line a shipment or a remainder cancellation settles. */
export interface SettledUnits {
  line: OrderLineItem;
  quantity: number;
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
