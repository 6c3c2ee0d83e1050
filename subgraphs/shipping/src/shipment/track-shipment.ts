import { isUuid, traceOf, type SubgraphContext, type Tx, type UserError, type EventActor, actorOf } from '@ultramarket/kit';
import type { CarrierTrackingUpdate } from '../carrier/carrier-provider';
import { readOrderView } from '../order-view/order-view';
import { ShipmentErrors, ShippingErrors } from '../shipping-errors';
import { staffChangeRefusal, storeOfCaller } from '../shipping-store';
import { Shipment, ShipmentTrackingEvent } from './shipment.entity';
import { emitTrackingUpdated } from './shipment.events';
import type { UpdateShipmentTrackingInput } from './shipment.inputs';
import type { ShipmentPayload } from './shipment.payloads';
import { canTrack } from './shipment-status';

/** A reported time this far ahead of the clock is taken as the carrier's clock drifting; beyond it, refused. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

type PayloadClass<T extends ShipmentPayload> = { ok(shipment: Shipment): T; failed(...errors: UserError[]): T };

/**
 * Records one tracking change of a locked shipment: its status, a history entry and `shipping.tracking-updated`
 * (notifications tells the customer). The one way tracking changes, for the staff's `updateShipmentTracking` and
 * for the carrier webhook (`actor` null). A change the status table forbids is returned as the refusal.
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

/**
 * The staff's tracking report of a shipment (the manual carrier's way; `updateShipmentTracking` and
 * `markShipmentDelivered`), answered in `payload`'s shape; any refusal writes nothing.
 */
export async function trackShipment<T extends ShipmentPayload>(
  context: SubgraphContext,
  input: UpdateShipmentTrackingInput,
  payload: PayloadClass<T>,
): Promise<T> {
  const storeId = storeOfCaller(context);
  if (!storeId) return payload.failed(ShippingErrors.storeRequired());
  const refused = await staffChangeRefusal(context, storeId);
  if (refused) return payload.failed(refused);
  const occurredAt = input.occurredAt ?? new Date();
  if (occurredAt.getTime() > Date.now() + CLOCK_SKEW_MS) return payload.failed(ShipmentErrors.occurredInFuture());
  if (!isUuid(input.shipmentId)) return payload.failed(ShipmentErrors.shipmentNotFound());
  const actor = actorOf(context.caller);
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const shipment = await tx.manager.getRepository(Shipment).findOne({ where: { id: input.shipmentId, storeId }, lock: { mode: 'pessimistic_write' } });
    if (!shipment) return payload.failed(ShipmentErrors.shipmentNotFound());
    const message = input.message?.trim() || null;
    const result = await applyTrackingUpdate(tx, shipment, { status: input.status, message, occurredAt }, actor);
    return result instanceof Shipment ? payload.ok(result) : payload.failed(result);
  });
}
