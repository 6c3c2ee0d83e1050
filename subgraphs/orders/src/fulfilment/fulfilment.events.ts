import type { EventActor } from '@ultramarket/kit';
import type { Order } from '../order/order.entity';
import type { SettledUnits } from './fulfilment-value';

/** What orders publishes about fulfilment (see schema/events.md); the aggregate is the order. */
export const FulfilmentEvents = {
  recorded: 'orders.fulfilment-recorded',
  remainderCancelled: 'orders.remainder-cancelled',
} as const;

const linesOf = (units: readonly SettledUnits[]) => units.map(({ line, quantity }) => ({ lineItemId: line.id, variantId: line.variantId, quantity }));

/** orders.fulfilment-recorded: a shipment orders applied to the order (the issue-15 contract). */
export function fulfilmentRecordedData(
  order: Order,
  shipmentId: string,
  units: readonly SettledUnits[],
  value: number,
  fullyFulfilled: boolean,
  actor: EventActor,
) {
  return {
    orderId: order.id,
    orderNumber: order.orderNumber,
    shipmentId,
    lines: linesOf(units),
    value: { amount: value, currencyCode: order.currencyCode },
    orderFullyFulfilled: fullyFulfilled,
    actor,
  };
}

/**
 * orders.remainder-cancelled: the units that will not ship and what they were worth, and `shippedValue` (the rest of
 * the total: what the shipped units are worth), which payments captures of a held authorization before releasing it.
 */
export function remainderCancelledData(order: Order, units: readonly SettledUnits[], value: number, reason: string | null, actor: EventActor) {
  return {
    orderId: order.id,
    orderNumber: order.orderNumber,
    lines: linesOf(units),
    value: { amount: value, currencyCode: order.currencyCode },
    shippedValue: { amount: order.totalAmount - value, currencyCode: order.currencyCode },
    reason,
    actor,
  };
}
