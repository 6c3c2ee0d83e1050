import { UserError, type SubgraphContext, type Tx, type EventActor, actorOf } from '@ultramarket/kit';
import type { Order } from '../order/order.entity';
import { AUTHORIZATION_HELD, FulfillmentStatus, OrderStatus, PaymentStatus } from '../order/order-status';
import { changeOrder, OrderChangeRefused } from '../order/order-commands';
import { InvalidTransition, transition } from '../order/order-transitions';
import { canFulfilOrder } from '../order/order-access';
import { lockLines, openQuantity, saveLineFulfilment, settledSoFar } from './order-fulfilment';
import { settlementValue, type SettledUnits } from './fulfilment-value';
import { FulfilmentEvents, remainderCancelledData } from './fulfilment.events';
import { deliverWhenAllArrived } from './deliver-when-arrived';
import type { CancelOrderRemainderInput } from './fulfilment.inputs';
import { createRefund } from '../refund/create-refund';
import { capturedAmount } from '../refund/refund-amounts';
import { CancelOrderRemainderPayload } from './fulfilment.payloads';

/** Payment statuses whose order may have its remainder cancelled: paid, or held on the card (in part captured, or voided after). */
const REMAINDER_CANCELLABLE: readonly PaymentStatus[] = [PaymentStatus.PAID, PaymentStatus.VOIDED, ...AUTHORIZATION_HELD];

/**
 * What the shopper paid for units that will not ship: what was captured beyond the shipped units' worth (the rest
 * of the total once the remainder's `value` is taken out), never more than the remainder is worth. A paid order gets
 * the whole value back; an authorized order whose shipments captured only their own worth gets nothing (its hold is
 * released instead).
 */
export function paidForRemainder(order: Order, value: number): number {
  const shippedValue = order.totalAmount - value;
  return Math.min(value, Math.max(0, capturedAmount(order) - shippedValue));
}

/**
 * Cancels what a locked PARTIALLY_FULFILLED order has not shipped, in the caller's transaction: every line's open units
 * become its cancelledQuantity, the order FULFILLED (DELIVERED at once when its shipments have all arrived) and
 * orders.remainder-cancelled carries the lines, their value (the pro-rata rule of orders.fulfilment-recorded; as the
 * last settlement it takes exactly what is left of the total) and the shipped value: inventory puts the units back
 * on hand, payments captures what shipped but is not captured yet of a held authorization and releases the rest.
 * What the shopper paid for the remainder (`paidForRemainder`) is refunded in the same transaction (`createRefund`,
 * lines not restocked: inventory restocks them from the event). Any other status is INVALID_TRANSITION; an order not
 * paid nor authorized ORDER_NOT_PAID; a refund the refund rules refuse answers its userError: all throw before writing.
 */
export async function cancelRemainder(tx: Tx, order: Order, reason: string | null, actor: EventActor): Promise<Order> {
  if (order.status !== OrderStatus.PARTIALLY_FULFILLED) throw new InvalidTransition(order.status, OrderStatus.FULFILLED);
  if (!REMAINDER_CANCELLABLE.includes(order.paymentStatus)) {
    throw new OrderChangeRefused(
      UserError.of('ORDER_NOT_PAID', `The order's payment is ${order.paymentStatus}: only a paid or authorized order's remainder is cancelled`, [
        'input',
        'orderId',
      ]),
    );
  }
  const lines = await lockLines(tx, order);
  const units: SettledUnits[] = lines.filter((line) => openQuantity(line) > 0).map((line) => ({ line, quantity: openQuantity(line) }));
  const value = settlementValue(order, units, await settledSoFar(tx, order), true);
  const refundAmount = paidForRemainder(order, value);
  if (refundAmount > 0) {
    const refunded = await createRefund(tx, order, {
      lines: units.map(({ line, quantity }) => ({ lineItemId: line.id, quantity, restock: false, locationId: null })),
      shipping: null,
      amount: refundAmount,
      reason: reason ?? 'The unshipped remainder was cancelled',
      note: null,
      idempotencyKey: `remainder:${order.id}`,
      actor,
    });
    if (!refunded.refund) throw new OrderChangeRefused(...refunded.userErrors);
  }
  for (const unit of units) {
    unit.line.cancelledQuantity += unit.quantity;
    await saveLineFulfilment(tx, unit.line);
  }
  order.cancelledRemainderAmount = value;
  order.fulfillmentStatus = FulfillmentStatus.FULFILLED;
  const saved = await transition(tx, order, OrderStatus.FULFILLED, { reason: reason ?? 'The unshipped remainder was cancelled' });
  await tx.emit({
    type: FulfilmentEvents.remainderCancelled,
    storeId: order.storeId,
    aggregateId: order.id,
    aggregateVersion: saved.version,
    data: remainderCancelledData(saved, units, value, reason, actor),
  });
  return deliverWhenAllArrived(tx, saved);
}

/** Staff's cancelOrderRemainder: `cancelRemainder` on the order of their store, refusals answered as userErrors. */
export function cancelOrderRemainder(context: SubgraphContext, input: CancelOrderRemainderInput): Promise<CancelOrderRemainderPayload> {
  const reason = input.reason?.trim() || null;
  return changeOrder(
    context,
    input.orderId,
    CancelOrderRemainderPayload,
    (order) => canFulfilOrder(context.caller, order),
    (tx, order) => cancelRemainder(tx, order, reason, actorOf(context.caller)),
  );
}
