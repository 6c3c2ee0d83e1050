import type { Tx, EventActor } from '@ultramarket/kit';
import type { OrderView } from '../order-view/order-view';
import type { Shipment, ShipmentLine } from './shipment.entity';

/** What shipping publishes about shipments (see schema/events.md); every event's aggregate is the shipment. */
export const ShipmentEvents = {
  created: 'shipping.shipment-created',
  trackingUpdated: 'shipping.tracking-updated',
} as const;

/** Who and what a shipment event is about, so consumers (orders, notifications) need no lookups. */
export interface ShipmentEventData {
  shipmentId: string;
  orderId: string;
  orderNumber: string;
  customerId: string | null;
  email: string | null;
  carrier: string;
  trackingNumber: string;
  trackingUrl: string | null;
  status: string;
  /** Free text of the staff or the carrier: shown to the order's customer. */
  message: string | null;
  actor: EventActor;
}

export interface ShipmentCreatedData extends ShipmentEventData {
  lines: { variantId: string; quantity: number }[];
  /** Whether every line of the order is now shipped or cancelled (orders decides from its own lines: PARTIALLY_FULFILLED or FULFILLED). */
  orderFullyShipped: boolean;
}

function eventData(shipment: Shipment, order: OrderView, message: string | null, actor: EventActor): ShipmentEventData {
  return {
    shipmentId: shipment.id,
    orderId: order.orderId,
    orderNumber: order.orderNumber,
    customerId: order.customerId,
    email: order.email,
    carrier: shipment.carrierName,
    trackingNumber: shipment.trackingNumber,
    trackingUrl: shipment.trackingUrl,
    status: shipment.status,
    message,
    actor,
  };
}

export async function emitShipmentCreated(
  tx: Tx,
  shipment: Shipment,
  order: OrderView,
  lines: ShipmentLine[],
  orderFullyShipped: boolean,
  actor: EventActor,
): Promise<void> {
  const data: ShipmentCreatedData = {
    ...eventData(shipment, order, null, actor),
    lines: lines.map((line) => ({ variantId: line.variantId, quantity: line.quantity })),
    orderFullyShipped,
  };
  await tx.emit({ type: ShipmentEvents.created, storeId: shipment.storeId, aggregateId: shipment.id, aggregateVersion: shipment.version, data });
}

export async function emitTrackingUpdated(tx: Tx, shipment: Shipment, order: OrderView, message: string | null, actor: EventActor): Promise<void> {
  await tx.emit({
    type: ShipmentEvents.trackingUpdated,
    storeId: shipment.storeId,
    aggregateId: shipment.id,
    aggregateVersion: shipment.version,
    data: eventData(shipment, order, message, actor),
  });
}
