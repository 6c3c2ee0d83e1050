import { UserError, type SubgraphContext } from '@ultramarket/kit';
import { awaitOrderView } from '../order-view/await-order-view';
import { createShipment } from './create-shipment';
import type { DispatchOrderInput } from './shipment.inputs';
import { DispatchOrderPayload } from './shipment.payloads';
import { OrderReference } from './order-reference.type';

/** How long dispatchOrder waits for orders to record the dispatch before answering (its clients read order.status at once). */
export const DISPATCH_WAIT_MS = 10_000;

/** createShipment's refusals of an order in the wrong state: orders' dispatchOrder answered INVALID_TRANSITION, kept for its clients. */
const WRONG_STATE: readonly string[] = ['ORDER_NOT_PAID', 'ORDER_CANCELLED', 'NOTHING_TO_SHIP'];

/**
 * Deprecated `dispatchOrder` (it was orders' until shipments moved here): `createShipment` of the whole order
 * with a carrier named by hand, answered once orders has moved the order to DISPATCHED (or after
 * DISPATCH_WAIT_MS), so that a client reading `order { status }` from the payload sees what it always saw.
 */
export async function dispatchOrder(context: SubgraphContext, input: DispatchOrderInput): Promise<DispatchOrderPayload> {
  const { payload, order } = await createShipment(context, { orderId: input.orderId, carrierName: input.carrier, trackingNumber: input.trackingNumber });
  const result = new DispatchOrderPayload();
  if (!payload.shipment || !order) {
    const errors = payload.userErrors.map((error) =>
      WRONG_STATE.includes(error.code) ? UserError.of('INVALID_TRANSITION', error.message, error.field) : error,
    );
    return Object.assign(result, { order: null, shipment: null, userErrors: errors });
  }
  await awaitOrderView(context, order.orderId, order.storeId, (view) => view?.status !== 'CONFIRMED', DISPATCH_WAIT_MS);
  return Object.assign(result, { order: Object.assign(new OrderReference(), { id: order.orderId }), shipment: payload.shipment, userErrors: [] });
}
