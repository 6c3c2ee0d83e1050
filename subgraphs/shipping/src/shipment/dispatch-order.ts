import { UserError, type SubgraphContext } from '@ultramarket/kit';
import { awaitOrderView } from '../order-view/await-order-view';
import { createShipment } from './create-shipment';
import type { DispatchOrderInput } from './shipment.inputs';
import { DispatchOrderPayload } from './shipment.payloads';
import { OrderReference } from './order-reference.type';

/** How long dispatchOrder waits for orders to record the dispatch before answering (its clients read order.status at once). */
export const DISPATCH_WAIT_MS = 10_000;

/** The codes orders' dispatchOrder answered for an order in the wrong state, kept for its clients. */
const AS_BEFORE: Record<string, string> = {
  ORDER_NOT_PAID: 'INVALID_TRANSITION',
  ORDER_CANCELLED: 'INVALID_TRANSITION',
  NOTHING_TO_SHIP: 'INVALID_TRANSITION',
};

/**
 * Deprecated `dispatchOrder` (it was orders' until shipments moved here): `createShipment` of the whole order
 * with a carrier named by hand, answered once orders has moved the order to DISPATCHED (or after
 * DISPATCH_WAIT_MS), so that a client reading `order { status }` from the payload sees what it always saw.
 */
export async function dispatchOrder(context: SubgraphContext, input: DispatchOrderInput): Promise<DispatchOrderPayload> {
  const { payload, order } = await createShipment(context, { orderId: input.orderId, carrierName: input.carrier, trackingNumber: input.trackingNumber });
  const result = new DispatchOrderPayload();
  if (!payload.shipment || !order) {
    const errors = payload.userErrors.map((error) => UserError.of(AS_BEFORE[error.code] ?? error.code, error.message, error.field));
    return Object.assign(result, { order: null, shipment: null, userErrors: errors });
  }
  await awaitOrderView(context, order.orderId, order.storeId, (view) => view?.status !== 'CONFIRMED', DISPATCH_WAIT_MS);
  return Object.assign(result, { order: Object.assign(new OrderReference(), { id: order.orderId }), shipment: payload.shipment, userErrors: [] });
}
