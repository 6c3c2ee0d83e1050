import { PermanentEventError } from '@ultramarket/kit';
import { OrderStatus } from '../order/order-status';
import { advance } from '../order/order-transitions';
import { dispatchedData, OrderEvents, type DispatchingShipment } from '../order/order.events';
import { orderEventHandler } from './order-event-handler';

/** What orders reads of `shipping.shipment-created`. */
interface ShipmentCreatedData extends DispatchingShipment {
  orderId: string;
  orderFullyShipped: boolean;
}

function shipmentOf(data: ShipmentCreatedData): DispatchingShipment {
  const { shipmentId, carrier, trackingNumber, trackingUrl } = data;
  if (typeof shipmentId !== 'string' || typeof carrier !== 'string' || typeof trackingNumber !== 'string') {
    throw new PermanentEventError(`shipping.shipment-created for order ${data.orderId} without its carrier and tracking number`);
  }
  return { shipmentId, carrier, trackingNumber, trackingUrl: typeof trackingUrl === 'string' ? trackingUrl : null };
}

/**
 * shipping.shipment-created: once every line of a CONFIRMED order is shipped, it is DISPATCHED (history, status
 * event) and orders publishes orders.dispatched with the shipment's carrier and tracking, as it always has. A
 * shipment of part of the order (issue 15) leaves it CONFIRMED; an order that moved on (refunded) stays as it is.
 */
const shipmentCreated = orderEventHandler<ShipmentCreatedData>('orders-shipment-created', 'shipping.shipment-created', async (tx, order, event, logger) => {
  const shipment = shipmentOf(event.data);
  if (!event.data.orderFullyShipped || order.status !== OrderStatus.CONFIRMED) {
    if (order.status !== OrderStatus.CONFIRMED)
      logger.info({ orderId: order.id, status: order.status }, 'orders: a shipment of an order that is not CONFIRMED');
    return;
  }
  const dispatched = await advance(tx, order, [OrderStatus.DISPATCHED], { reason: `Dispatched with ${shipment.carrier} (${shipment.trackingNumber})` });
  await tx.emit({
    type: OrderEvents.dispatched,
    storeId: order.storeId,
    aggregateId: order.id,
    aggregateVersion: dispatched.version,
    data: dispatchedData(dispatched, shipment),
  });
});

export const shipmentHandlers = [shipmentCreated];
