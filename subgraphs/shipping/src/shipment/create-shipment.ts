import { traceOf, type SubgraphContext, type Tx, UserError, actorOf } from '@ultramarket/kit';
import { carrierProvider, MANUAL_CARRIER_CODE } from '../carrier/carrier-provider';
import { ShippingMethod } from '../method/shipping-method.entity';
import { awaitOrderView } from '../order-view/await-order-view';
import { readOrderView, type OrderView, type OrderViewLine } from '../order-view/order-view';
import { ShipmentErrors, ShippingErrors } from '../shipping-errors';
import { staffChangeRefusal, storeOfCaller } from '../shipping-store';
import { Shipment, ShipmentLine, ShipmentTrackingEvent } from './shipment.entity';
import { emitShipmentCreated } from './shipment.events';
import type { CreateShipmentInput } from './shipment.inputs';
import { CreateShipmentPayload } from './shipment.payloads';
import { CLOSED_ORDER_STATUSES, ORDER_VIEW_WAIT_MS, SHIPPABLE_ORDER_STATUSES, trackingUrlProblem } from './shipment-rules';
import { ShipmentStatus } from './shipment-status';

/** A created shipment with the order it was made for (as shipping knows it). */
export interface CreatedShipment {
  payload: CreateShipmentPayload;
  order: OrderView | null;
}

/** How many of each variant the order's shipments hold so far. */
async function shippedQuantities(tx: Tx, orderId: string): Promise<Map<string, number>> {
  const rows: { variant_id: string; shipped: number }[] = await tx.manager.query(
    `SELECT l.variant_id, sum(l.quantity)::int AS shipped FROM shipment_line l JOIN shipment s ON s.id = l.shipment_id
      WHERE s.order_id = $1 GROUP BY l.variant_id`,
    [orderId],
  );
  return new Map(rows.map((row) => [row.variant_id, row.shipped]));
}

/** Units of an order line that may ship at all: ordered minus cancelled unshipped (orders' cancelOrderRemainder). */
const openUnits = (line: OrderViewLine): number => line.quantity - (line.cancelledQuantity ?? 0);

/** The lines to ship, checked against what is left of the order (ordered − shipped − cancelled); a variant named twice counts once, quantities summed. */
function linesToShip(order: OrderView, shipped: Map<string, number>, input: CreateShipmentInput): { variantId: string; quantity: number }[] | UserError[] {
  const unshipped = new Map((order.lines ?? []).map((line) => [line.variantId, openUnits(line) - (shipped.get(line.variantId) ?? 0)]));
  if (!input.lines) {
    const rest = [...unshipped].filter(([, quantity]) => quantity > 0).map(([variantId, quantity]) => ({ variantId, quantity }));
    return rest.length > 0 ? rest : [ShipmentErrors.nothingToShip()];
  }
  const wanted = new Map<string, { index: number; quantity: number }>();
  for (const [index, line] of input.lines.entries()) {
    const before = wanted.get(line.variantId);
    wanted.set(line.variantId, { index: before?.index ?? index, quantity: (before?.quantity ?? 0) + line.quantity });
  }
  const errors: UserError[] = [];
  for (const [variantId, { index, quantity }] of wanted) {
    const left = unshipped.get(variantId);
    if (left === undefined) errors.push(ShipmentErrors.lineNotInOrder(index));
    else if (quantity > left) errors.push(ShipmentErrors.quantityOverUnshipped(index, Math.max(left, 0)));
  }
  return errors.length > 0 ? errors : [...wanted].map(([variantId, { quantity }]) => ({ variantId, quantity }));
}

/** Why the order cannot ship as it is, or null. */
function orderRefusal(order: OrderView | null): UserError | null {
  if (!order || order.lines === null) return ShipmentErrors.orderNotFound();
  if (CLOSED_ORDER_STATUSES.includes(order.status)) return ShipmentErrors.orderCancelled(order.status);
  if (!SHIPPABLE_ORDER_STATUSES.includes(order.status)) return ShipmentErrors.orderNotPaid(order.status);
  return null;
}

/**
 * Hands (part of) a paid order to a carrier: a shipment with its lines (by default every line not shipped yet),
 * LABEL_CREATED, and `shipping.shipment-created` (orders records it: PARTIALLY_FULFILLED, or FULFILLED once every unit ships).
 * Carrier, tracking page and lines are checked against the store's methods and shipping's copy of the order, under
 * that copy's row lock so that two shipments never ship the same unit; any refusal writes nothing.
 */
export async function createShipment(context: SubgraphContext, input: CreateShipmentInput): Promise<CreatedShipment> {
  const failed = (...errors: UserError[]): CreatedShipment => ({ payload: CreateShipmentPayload.failed(...errors), order: null });
  const storeId = storeOfCaller(context);
  if (!storeId) return failed(ShippingErrors.storeRequired());
  const refused = await staffChangeRefusal(context, storeId);
  if (refused) return failed(refused);
  const carrierName = input.carrierName?.trim() || null;
  if ((input.shippingMethodId ? 1 : 0) + (carrierName ? 1 : 0) !== 1) return failed(ShipmentErrors.carrierRequired());
  const givenUrl = input.trackingUrl?.trim() || null;
  const urlProblem = givenUrl === null ? null : trackingUrlProblem(givenUrl);
  if (urlProblem) return failed(ShipmentErrors.invalidTrackingUrl(urlProblem));
  const trackingNumber = input.trackingNumber.trim();

  // shipping's copy of the order may be a moment behind orders: give it that moment before refusing
  await awaitOrderView(
    context,
    input.orderId,
    storeId,
    (order) => orderRefusal(order) === null || CLOSED_ORDER_STATUSES.includes(order?.status ?? ''),
    ORDER_VIEW_WAIT_MS,
  );

  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const order = await readOrderView(tx.manager, input.orderId, storeId, true);
    const orderProblem = orderRefusal(order);
    if (orderProblem || !order) return failed(orderProblem!);
    let carrier = { code: MANUAL_CARRIER_CODE, name: carrierName ?? '', trackingUrl: givenUrl, methodId: null as string | null };
    if (input.shippingMethodId) {
      const method = await tx.manager.getRepository(ShippingMethod).findOneBy({ id: input.shippingMethodId, storeId });
      if (!method) return failed(ShipmentErrors.methodNotFound());
      const fromTemplate = carrierProvider(method.carrierCode).trackingUrl(method.carrier, trackingNumber);
      carrier = { code: method.carrierCode, name: method.carrierName, trackingUrl: fromTemplate ?? givenUrl, methodId: method.id };
    }
    const shipped = await shippedQuantities(tx, order.orderId);
    const lines = linesToShip(order, shipped, input);
    if (lines.some((line) => line instanceof UserError)) return failed(...(lines as UserError[]));
    const chosen = lines as { variantId: string; quantity: number }[];

    const shipment = await tx.manager.getRepository(Shipment).save(
      tx.manager.getRepository(Shipment).create({
        storeId,
        orderId: order.orderId,
        shippingMethodId: carrier.methodId,
        carrierCode: carrier.code,
        carrierName: carrier.name,
        trackingNumber,
        trackingUrl: carrier.trackingUrl,
        status: ShipmentStatus.LABEL_CREATED,
      }),
    );
    const lineRows = await tx.manager
      .getRepository(ShipmentLine)
      .save(chosen.map((line) => Object.assign(new ShipmentLine(), { shipmentId: shipment.id, storeId, variantId: line.variantId, quantity: line.quantity })));
    await tx.manager
      .getRepository(ShipmentTrackingEvent)
      .insert({ shipmentId: shipment.id, storeId, status: ShipmentStatus.LABEL_CREATED, message: null, occurredAt: shipment.createdAt });
    for (const line of chosen) shipped.set(line.variantId, (shipped.get(line.variantId) ?? 0) + line.quantity);
    const fullyShipped = (order.lines ?? []).every((line) => (shipped.get(line.variantId) ?? 0) >= openUnits(line));
    await emitShipmentCreated(tx, shipment, order, lineRows, fullyShipped, actorOf(context.caller));
    return { payload: CreateShipmentPayload.ok(shipment), order };
  });
}
