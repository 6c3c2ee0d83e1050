import { isUuid, PermanentEventError, type Logger, type Tx, type EventActor } from '@ultramarket/kit';
import type { Order } from '../order/order.entity';
import { FulfillmentStatus, OrderStatus } from '../order/order-status';
import { advance, saveOrder } from '../order/order-transitions';
import { dispatchedData, OrderEvents, type DispatchingShipment } from '../order/order.events';
import { orderEventHandler } from '../saga/order-event-handler';
import { fulfilmentOf, lockLines, openQuantity, saveLineFulfilment, settledSoFar } from './order-fulfilment';
import { settlementValue, type SettledUnits } from './fulfilment-value';
import { FulfilmentEvents, fulfilmentRecordedData } from './fulfilment.events';
import { refuseShipment } from './refused-shipment';

/** What orders reads of `shipping.shipment-created`. */
interface ShipmentCreatedData extends DispatchingShipment {
  orderId: string;
  lines: { variantId: string; quantity: number }[];
  actor?: EventActor;
}

/** Orders that may record a shipment: paid with stock committed, or partly shipped (a partial refund keeps it so). */
const FULFILLABLE: readonly OrderStatus[] = [OrderStatus.CONFIRMED, OrderStatus.PARTIALLY_FULFILLED, OrderStatus.PARTIALLY_REFUNDED];

function shipmentOf(data: ShipmentCreatedData): DispatchingShipment {
  const { shipmentId, carrier, trackingNumber, trackingUrl } = data;
  if (!isUuid(shipmentId) || typeof carrier !== 'string' || typeof trackingNumber !== 'string') {
    throw new PermanentEventError(`shipping.shipment-created for order ${data.orderId} without its shipment, carrier and tracking number`);
  }
  return { shipmentId, carrier, trackingNumber, trackingUrl: typeof trackingUrl === 'string' ? trackingUrl : null };
}

const actorOf = (data: ShipmentCreatedData): EventActor => (data.actor && typeof data.actor.userId === 'string' ? { userId: data.actor.userId } : null);

/** The shipment's lines matched to the order's open units, or why they do not fit. */
function unitsToSettle(order: Order, lines: Awaited<ReturnType<typeof lockLines>>, shipped: ShipmentCreatedData['lines']): SettledUnits[] | string {
  if (!FULFILLABLE.includes(order.status)) return `the order is ${order.status}`;
  if (!Array.isArray(shipped) || shipped.length === 0) return 'the shipment has no lines';
  const units: SettledUnits[] = [];
  for (const { variantId, quantity } of shipped) {
    const line = lines.find((candidate) => candidate.variantId === variantId);
    if (!line) return `the order has no line of variant ${String(variantId)}`;
    if (!Number.isSafeInteger(quantity) || quantity <= 0 || quantity > openQuantity(line)) {
      return `${String(quantity)} of variant ${variantId} is more than the ${openQuantity(line)} neither shipped nor cancelled`;
    }
    units.push({ line, quantity });
  }
  return units;
}

/**
 * shipping.shipment-created: orders records the shipment against the order once (by shipment id): each line's
 * fulfilledQuantity, the order PARTIALLY_FULFILLED or FULFILLED (history, status event), and
 * orders.fulfilment-recorded with the shipped lines' value. On becoming FULFILLED it still publishes
 * orders.dispatched (the shipment's carrier and tracking) for the consumers that knew DISPATCHED. A shipment that
 * does not fit the order (shipping's copy was behind: more than is left, an order no longer open) is recorded as
 * refused and changes nothing else: no dead letter, an error in the log for operators.
 */
async function recordShipment(tx: Tx, order: Order, data: ShipmentCreatedData, logger: Logger): Promise<void> {
  const shipment = shipmentOf(data);
  const [known] = await tx.manager.query(`SELECT 1 FROM order_fulfilment WHERE shipment_id = $1`, [shipment.shipmentId]);
  if (known) return;
  const lines = await lockLines(tx, order);
  const units = unitsToSettle(order, lines, data.lines);
  if (typeof units === 'string') return refuseShipment(tx, order, shipment.shipmentId, data.lines, units, logger);

  const settledBefore = await settledSoFar(tx, order);
  const closesOrder = lines.every((line) => openQuantity(line) === (units.find((unit) => unit.line === line)?.quantity ?? 0));
  const value = settlementValue(order, units, settledBefore, closesOrder);
  for (const { line, quantity } of units) {
    line.fulfilledQuantity += quantity;
    await saveLineFulfilment(tx, line);
  }
  await tx.manager.query(`INSERT INTO order_fulfilment (shipment_id, order_id, store_id, lines, value_amount) VALUES ($1, $2, $3, $4::jsonb, $5)`, [
    shipment.shipmentId,
    order.id,
    order.storeId,
    JSON.stringify(data.lines),
    value,
  ]);

  order.fulfillmentStatus = fulfilmentOf(lines);
  const fullyFulfilled = order.fulfillmentStatus === FulfillmentStatus.FULFILLED;
  const before = order.status;
  const reason = `Shipped with ${shipment.carrier} (${shipment.trackingNumber})`;
  let saved = await advance(tx, order, [fullyFulfilled ? OrderStatus.FULFILLED : OrderStatus.PARTIALLY_FULFILLED], { reason });
  if (saved.status === before) saved = await saveOrder(tx, order);
  await tx.emit({
    type: FulfilmentEvents.recorded,
    storeId: order.storeId,
    aggregateId: order.id,
    aggregateVersion: saved.version,
    data: fulfilmentRecordedData(saved, shipment.shipmentId, units, value, fullyFulfilled, actorOf(data)),
  });
  if (saved.status === OrderStatus.FULFILLED && before !== OrderStatus.FULFILLED) {
    await tx.emit({
      type: OrderEvents.dispatched,
      storeId: order.storeId,
      aggregateId: order.id,
      aggregateVersion: saved.version,
      data: dispatchedData(saved, shipment),
    });
  }
}

export const shipmentCreated = orderEventHandler<ShipmentCreatedData>('orders-shipment-created', 'shipping.shipment-created', (tx, order, event, logger) =>
  recordShipment(tx, order, event.data, logger),
);
