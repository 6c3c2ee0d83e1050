import type { Tx, EventActor } from '@ultramarket/kit';
import type { Order } from '../order/order.entity';
import { OrderLineItem } from '../order/order-line-item.entity';
import { OrderStatus, ReservationStatus } from '../order/order-status';
import { transition } from '../order/order-transitions';
import type { OrderCancelReason } from '../order/cancel-reason';
import { createRefund, type CreatedRefund } from './create-refund';
import { capturedAmount } from './refund-amounts';
import { refundedSoFar } from './refund-ledger';

/** Paid or authorized orders staff may cancel in one step: nothing of them has shipped. */
export const PAID_CANCELLABLE: readonly OrderStatus[] = [OrderStatus.PAYMENT_SUCCESS, OrderStatus.CONFIRMED];

/**
 * Cancels a paid or authorized order that shipped nothing, in the caller's transaction on the locked order. With money
 * captured and not refunded yet: one refund of all of it (every unit not refunded yet, restocked where it was committed
 * from, and all the shipping). With nothing left to refund (an authorization nothing was captured of, voided by payments
 * on orders.cancelled): no refund, and the units committed at payment and never refunded go back on hand through
 * orders.cancelled's `restock`. Then CANCELLED. Units still only reserved (not committed yet) are not restocked: the
 * cancellation releases them. Refused with the refund's userErrors, writing nothing.
 */
export async function cancelPaidOrder(
  tx: Tx,
  order: Order,
  why: { reason: string | null; reasonCode: OrderCancelReason },
  actor: EventActor,
): Promise<{ order: Order; refund: CreatedRefund | null }> {
  const soFar = await refundedSoFar(tx, order.id, order.storeId);
  const left = capturedAmount(order) - soFar.amount;
  const committed = order.reservationStatus === ReservationStatus.COMMITTED;
  const lines = await tx.manager.getRepository(OrderLineItem).find({ where: { orderId: order.id, storeId: order.storeId }, order: { position: 'ASC' } });
  const unrefunded = lines.map((line) => ({ line, quantity: line.quantity - (soFar.quantityByLine.get(line.id) ?? 0) })).filter((unit) => unit.quantity > 0);
  if (left <= 0) {
    const restock = committed ? unrefunded.map(({ line, quantity }) => ({ variantId: line.variantId, quantity })) : [];
    const cancelled = await transition(tx, order, OrderStatus.CANCELLED, { reason: why.reason, reasonCode: why.reasonCode, restock });
    return { order: cancelled, refund: null };
  }
  const refund = await createRefund(tx, order, {
    lines: unrefunded.map(({ line, quantity }) => ({ lineItemId: line.id, quantity, restock: committed, locationId: null })),
    shipping: { full: true, amount: null },
    // everything left, whatever earlier amount-only refunds took
    amount: left,
    reason: why.reason ?? 'Order cancelled',
    note: null,
    idempotencyKey: `cancel:${order.id}`,
    actor,
  });
  if (!refund.refund) return { order, refund };
  const cancelled = await transition(tx, order, OrderStatus.CANCELLED, { reason: why.reason, reasonCode: why.reasonCode });
  return { order: cancelled, refund };
}
