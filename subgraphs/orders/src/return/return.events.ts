import type { EventActor } from '@ultramarket/kit';
import type { Order } from '../order/order.entity';
import type { OrderLineItem } from '../order/order-line-item.entity';
import type { Return } from './return.entity';
import type { ReturnLine } from './return-line.entity';
import type { ReturnStatus } from './return-status';

/** What orders publishes about returns (see schema/events.md): one subject, the step in `status`. */
export const ReturnEvents = {
  updated: 'orders.return-updated',
} as const;

/**
 * orders.return-updated (aggregateId: the return, aggregateVersion: its version): a return was asked for
 * (`previousStatus` null) or took a step. Notifications tells the shopper; the gateway pushes returnUpdated.
 */
export function returnUpdatedData(
  order: Order,
  found: Return,
  lines: ReturnLine[],
  orderLines: OrderLineItem[],
  previousStatus: ReturnStatus | null,
  actor: EventActor,
) {
  const byId = new Map(orderLines.map((line) => [line.id, line]));
  return {
    returnId: found.id,
    orderId: order.id,
    orderNumber: order.orderNumber,
    customerId: order.customerId,
    email: order.email,
    status: found.status,
    previousStatus,
    rejectReason: found.rejectReason,
    refundId: found.refundId,
    lines: lines.map((line) => ({
      returnLineId: line.id,
      lineItemId: line.lineItemId,
      productId: byId.get(line.lineItemId)?.productId ?? null,
      variantId: byId.get(line.lineItemId)?.variantId ?? null,
      title: byId.get(line.lineItemId)?.title ?? null,
      quantity: line.quantity,
      reason: line.reason,
    })),
    actor,
  };
}
