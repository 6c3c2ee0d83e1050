import type { Tx } from '@ultramarket/kit';
import type { Order } from '../order/order.entity';
import { FulfillmentStatus, OrderStatus } from '../order/order-status';
import { transition } from '../order/order-transitions';

/**
 * A FULFILLED order whose every shipment was delivered becomes DELIVERED (history, status event). Called when a
 * delivery is recorded and when an order becomes FULFILLED (its shipments may all have arrived before its remainder
 * was cancelled). Anything else is left as it is.
 */
export async function deliverWhenAllArrived(tx: Tx, order: Order): Promise<Order> {
  if (order.status !== OrderStatus.FULFILLED) return order;
  const [row]: { shipments: number; waiting: number }[] = await tx.manager.query(
    `SELECT count(*)::int AS shipments, count(*) FILTER (WHERE delivered_at IS NULL)::int AS waiting
       FROM order_fulfilment WHERE order_id = $1 AND refused_reason IS NULL`,
    [order.id],
  );
  if (row.shipments === 0 || row.waiting > 0) return order;
  order.fulfillmentStatus = FulfillmentStatus.DELIVERED;
  return transition(tx, order, OrderStatus.DELIVERED, { reason: 'Every shipment was delivered' });
}
