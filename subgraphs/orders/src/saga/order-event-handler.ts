import { PermanentEventError, type EventEnvelope, type EventHandler, type Logger, type Tx } from '@ultramarket/kit';
import type { Order } from '../order/order.entity';
import { lockOrder } from '../order/order-transitions';

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
