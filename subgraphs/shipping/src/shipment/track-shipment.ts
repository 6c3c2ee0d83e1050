import { isUuid, traceOf, type SubgraphContext, type Tx } from '@ultramarket/kit';
import type { CarrierTrackingUpdate } from '../carrier/carrier-provider';
import { readOrderView } from '../order-view/order-view';
import { ShipmentErrors, ShippingErrors } from '../shipping-errors';
import { staffChangeRefusal, storeOfCaller } from '../shipping-store';
import { Shipment, ShipmentTrackingEvent } from './shipment.entity';
import { emitTrackingUpdated, type EventActor } from './shipment.events';
import type { UpdateShipmentTrackingInput } from './shipment.inputs';
import { UpdateShipmentTrackingPayload } from './shipment.payloads';
import { canTrack } from './shipment-status';

/** A reported time this far ahead of the clock is taken as the carrier's clock drifting; beyond it, refused. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Records one tracking change of a locked shipment: its status, a history entry and `shipping.tracking-updated`
 * (notifications tells the customer). The one way tracking changes, for the staff's `updateShipmentTracking` and
 * for a carrier provider's `trackingUpdates` (`actor` is the staff member, null for a carrier). A change the status
 * table forbids is returned as the refusal.
 */
export async function applyTrackingUpdate(tx: Tx, shipment: Shipment, update: Omit<CarrierTrackingUpdate, 'trackingNumber'>, actor: EventActor) {
  if (!canTrack(shipment.status, update.status)) return ShipmentErrors.invalidTransition(shipment.status, update.status);
  const order = await readOrderView(tx.manager, shipment.orderId, shipment.storeId);
  if (!order) throw new Error(`shipping: shipment ${shipment.id} has no order ${shipment.orderId}`);
  shipment.status = update.status;
  shipment.updatedAt = new Date();
  const saved = await tx.manager.getRepository(Shipment).save(shipment);
  await tx.manager
    .getRepository(ShipmentTrackingEvent)
    .insert({ shipmentId: shipment.id, storeId: shipment.storeId, status: update.status, message: update.message, occurredAt: update.occurredAt });
  await emitTrackingUpdated(tx, saved, order, update.message, actor);
  return saved;
}

/** The staff's tracking report of a shipment (the manual carrier's way); any refusal writes nothing. */
export async function updateShipmentTracking(context: SubgraphContext, input: UpdateShipmentTrackingInput): Promise<UpdateShipmentTrackingPayload> {
  const storeId = storeOfCaller(context);
  if (!storeId) return UpdateShipmentTrackingPayload.failed(ShippingErrors.storeRequired());
  const refused = await staffChangeRefusal(context, storeId);
  if (refused) return UpdateShipmentTrackingPayload.failed(refused);
  const occurredAt = input.occurredAt ?? new Date();
  if (occurredAt.getTime() > Date.now() + CLOCK_SKEW_MS) return UpdateShipmentTrackingPayload.failed(ShipmentErrors.occurredInFuture());
  if (!isUuid(input.shipmentId)) return UpdateShipmentTrackingPayload.failed(ShipmentErrors.shipmentNotFound());
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const shipment = await tx.manager.getRepository(Shipment).findOne({ where: { id: input.shipmentId, storeId }, lock: { mode: 'pessimistic_write' } });
    if (!shipment) return UpdateShipmentTrackingPayload.failed(ShipmentErrors.shipmentNotFound());
    const message = input.message?.trim() || null;
    const actor = context.caller.userId ? { userId: context.caller.userId } : null;
    const result = await applyTrackingUpdate(tx, shipment, { status: input.status, message, occurredAt }, actor);
    return result instanceof Shipment ? UpdateShipmentTrackingPayload.ok(result) : UpdateShipmentTrackingPayload.failed(result);
  });
}
