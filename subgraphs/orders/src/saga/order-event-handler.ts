import { PermanentEventError, type EventEnvelope, type EventHandler, type Logger, type Tx } from '@ultramarket/kit';
import { Order } from '../order/order.entity';
import { canTransition, type OrderStatus } from '../order/order-status';
import { lockOrder, transition } from '../order/order-transitions';
import type { OrderCancelReason } from '../order/cancel-reason';

/**
 * A saga step in orders: the order named by the event, locked; `apply` decides from its current
 * state what (if anything) the event still means, so events arriving late or out of order are safe.
 */
export function orderEventHandler<TData extends { orderId: string }>(
  name: string,
  eventType: string,
  apply: (tx: Tx, order: Order, event: EventEnvelope<TData>, logger: Logger) => Promise<void>,
): EventHandler<TData> {
  return {
    name,
    eventType,
    async handle(event, tx, logger) {
      // the runner entered the event's store: an order of another store is as absent as one that never was
      if (!event.storeId) throw new PermanentEventError(`${event.type} ${event.id} names no store`);
      const order = await lockOrder(tx, event.data.orderId, { storeId: event.storeId });
      if (!order) throw new PermanentEventError(`order ${event.data.orderId} does not exist in store ${event.storeId}`);
      await apply(tx, order, event, logger);
    },
  };
}

/** Moves the order through `path` as far as the state machine allows (e.g. CREATED → PAYMENT_PENDING → PAYMENT_SUCCESS). */
export async function advance(
  tx: Tx,
  order: Order,
  path: OrderStatus[],
  reason: string | null = null,
  reasonCode: OrderCancelReason | null = null,
  paymentId: string | null = null,
): Promise<Order> {
  let current = order;
  for (const status of path) {
    if (current.status === status) continue;
    if (!canTransition(current.status, status)) break;
    current = await transition(tx, current, status, reason, reasonCode, paymentId);
  }
  return current;
}

/** Saves fields of a locked order that are not its status. */
export function saveOrder(tx: Tx, order: Order): Promise<Order> {
  return tx.manager.getRepository(Order).save(order);
}
