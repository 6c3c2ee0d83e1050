import type { EventActor } from '@ultramarket/kit';
import type { Order } from '../order/order.entity';
import type { OrderLineItem } from '../order/order-line-item.entity';
import type { Refund } from './refund.entity';
import type { RefundLine } from './refund-line.entity';

/** What orders publishes about refunds (see schema/events.md). */
export const RefundEvents = {
  requested: 'orders.refund-requested',
} as const;

const money = (amount: number, currencyCode: string) => ({ amount, currencyCode });

/**
 * orders.refund-requested: payments gives `amount` back with `refundId` (+ attempt) as the provider's
 * idempotency key; inventory puts the `restock` lines back (once per refund line, on the first attempt).
 */
export function refundRequestedData(order: Order, refund: Refund, lines: RefundLine[], orderLines: OrderLineItem[], actor: EventActor) {
  const byId = new Map(orderLines.map((line) => [line.id, line]));
  return {
    orderId: order.id,
    orderNumber: order.orderNumber,
    customerId: order.customerId,
    email: order.email,
    refundId: refund.id,
    attempt: refund.attempts,
    amount: money(refund.amountMinorUnits, refund.currencyCode),
    shipping: money(refund.shippingAmount, refund.currencyCode),
    reason: refund.reason,
    lines: lines.map((line) => ({
      refundLineId: line.id,
      lineItemId: line.lineItemId,
      productId: byId.get(line.lineItemId)?.productId ?? null,
      variantId: byId.get(line.lineItemId)?.variantId ?? null,
      quantity: line.quantity,
      amount: money(line.amount, refund.currencyCode),
      restock: line.restock,
      locationId: line.locationId,
    })),
    actor,
  };
}
