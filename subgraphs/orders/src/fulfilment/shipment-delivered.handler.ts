import { RetryableEventError } from '@ultramarket/kit';
import { OrderStatus } from '../order/order-status';
import { orderEventHandler } from '../saga/order-event-handler';
import { deliverWhenAllArrived } from './deliver-when-arrived';

/** Orders whose shipment news may overtake the shipment itself. */
const AWAITING_SHIPMENTS: readonly OrderStatus[] = [OrderStatus.CONFIRMED, OrderStatus.PARTIALLY_FULFILLED, OrderStatus.PARTIALLY_REFUNDED];

/** What orders reads of `shipping.tracking-updated`. */
interface TrackingUpdatedData {
  orderId: string;
  shipmentId: string;
  status: string;
}

/**
 * shipping.tracking-updated with DELIVERED (the staff's markShipmentDelivered, the carrier's webhook or tracking
 * report): orders notes the shipment delivered (once), and a FULFILLED order whose every shipment is delivered
 * becomes DELIVERED. Other tracking statuses mean nothing to orders. The news may overtake the shipment itself (two
 * consumers): it is retried while the order still awaits shipments; a shipment recorded before issue 15 (its order
 * FULFILLED by the migration, no `order_fulfilment` row) is left as it is.
 */
export const shipmentDelivered = orderEventHandler<TrackingUpdatedData>('orders-shipment-delivered', 'shipping.tracking-updated', async (tx, order, event) => {
  if (event.data.status !== 'DELIVERED') return;
  const rows: { delivered_at: Date | null; refused_reason: string | null }[] = await tx.manager.query(
    `SELECT delivered_at, refused_reason FROM order_fulfilment WHERE shipment_id = $1 AND order_id = $2`,
    [event.data.shipmentId, order.id],
  );
  if (rows.length === 0) {
    // an order still waiting for shipments will hear of this one; any other never will (shipped before issue 15)
    if (AWAITING_SHIPMENTS.includes(order.status)) throw new RetryableEventError(`shipment ${event.data.shipmentId} of order ${order.id} not recorded yet`);
    return;
  }
  if (rows[0].delivered_at !== null || rows[0].refused_reason !== null) return;
  await tx.manager.query(`UPDATE order_fulfilment SET delivered_at = $2 WHERE shipment_id = $1`, [event.data.shipmentId, new Date(event.occurredAt)]);
  await deliverWhenAllArrived(tx, order);
});
