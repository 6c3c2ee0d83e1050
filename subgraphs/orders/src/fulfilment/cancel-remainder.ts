import { UserError, type SubgraphContext, actorOf } from '@ultramarket/kit';
import type { Order } from '../order/order.entity';
import { FulfillmentStatus, OrderStatus, PaymentStatus } from '../order/order-status';
import { changeOrder, OrderChangeRefused } from '../order/order-commands';
import { InvalidTransition, transition } from '../order/order-transitions';
import { canFulfilOrder } from '../order/order-access';
import { lockLines, openQuantity, saveLineFulfilment, settledSoFar } from './order-fulfilment';
import { settlementValue, type SettledUnits } from './fulfilment-value';
import { FulfilmentEvents, remainderCancelledData } from './fulfilment.events';
import { deliverWhenAllArrived } from './deliver-when-arrived';
import type { CancelOrderRemainderInput } from './fulfilment.inputs';
import { createRefund } from '../refund/create-refund';
import { CancelOrderRemainderPayload } from './fulfilment.payloads';

/**
 * Cancels what a PARTIALLY_FULFILLED order has not shipped (staff of its store): every line's open units become its
 * cancelledQuantity, the order FULFILLED (DELIVERED at once when its shipments have all arrived) and
 * orders.remainder-cancelled carries the lines and their value (the pro-rata rule of orders.fulfilment-recorded; as
 * the last settlement it takes exactly what is left of the total) for inventory (the units' stock back to available).
 * The value is refunded in the same transaction (`createRefund`, lines not restocked: inventory restocks them from
 * the event). An order not paid in full is ORDER_NOT_PAID; any other status INVALID_TRANSITION; a refund the refund
 * rules refuse (units refunded already) answers its userError; all write nothing.
 */
export function cancelOrderRemainder(context: SubgraphContext, input: CancelOrderRemainderInput): Promise<CancelOrderRemainderPayload> {
  const reason = input.reason?.trim() || null;
  const actor = actorOf(context.caller);
  return changeOrder(
    context,
    input.orderId,
    CancelOrderRemainderPayload,
    (order) => canFulfilOrder(context.caller, order),
    async (tx, order): Promise<Order> => {
      if (order.status !== OrderStatus.PARTIALLY_FULFILLED) throw new InvalidTransition(order.status, OrderStatus.FULFILLED);
      if (order.paymentStatus !== PaymentStatus.PAID) {
        throw new OrderChangeRefused(
          UserError.of('ORDER_NOT_PAID', `The order's payment is ${order.paymentStatus}: only a paid order's remainder is cancelled`, ['input', 'orderId']),
        );
      }
      const lines = await lockLines(tx, order);
      const units: SettledUnits[] = lines.filter((line) => openQuantity(line) > 0).map((line) => ({ line, quantity: openQuantity(line) }));
      const value = settlementValue(order, units, await settledSoFar(tx, order), true);
      if (value > 0) {
        const refunded = await createRefund(tx, order, {
          lines: units.map(({ line, quantity }) => ({ lineItemId: line.id, quantity, restock: false, locationId: null })),
          shipping: null,
          amount: value,
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
    },
  );
}
