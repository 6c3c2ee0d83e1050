import { isUuid, PermanentEventError, type EventHandler } from '@ultramarket/kit';
import { putBackOnHand } from '../stock/put-back-on-hand';
import { storeOfEvent } from '../store-of-event';
import { inLockOrder } from './reservation-stock';
import { ReservationStatus } from './reservation.events';

interface RemainderCancelledData {
  orderId: string;
  lines: { variantId: string; quantity: number }[];
}

/** The cancelled units of one variant spread over the locations its committed reservation took them from, in lock order. */
function unitsBack(committed: { variantId: string; locationId: string; quantity: number }[], variantId: string, cancelled: number) {
  const back: { variantId: string; locationId: string; quantity: number }[] = [];
  let left = cancelled;
  for (const line of committed.filter((candidate) => candidate.variantId === variantId)) {
    if (left === 0) break;
    const quantity = Math.min(line.quantity, left);
    back.push({ variantId, locationId: line.locationId, quantity });
    left -= quantity;
  }
  return back;
}

/**
 * orders.remainder-cancelled → the units a partly shipped order will no longer ship were sold at payment (on hand
 * went down); they go back on hand, and so to available, at the locations the order's reservation took them from.
 * Once per event (the consumer records it): an order's remainder is cancelled once. An order whose reservation was
 * never committed has no sold units to give back and changes nothing.
 */
export const restockCancelledRemainder: EventHandler<RemainderCancelledData> = {
  name: 'inventory-restock-cancelled-remainder',
  eventType: 'orders.remainder-cancelled',
  async handle(event, tx) {
    const storeId = storeOfEvent(event);
    const { orderId, lines } = event.data;
    if (!isUuid(orderId) || !Array.isArray(lines)) throw new PermanentEventError(`${event.type} ${event.id} names no order or lines`);
    const rows: { variant_id: string; location_id: string; quantity: number }[] = await tx.manager.query(
      `SELECT l.variant_id, l.location_id, l.quantity FROM reservation r JOIN reservation_line l ON l.reservation_id = r.id AND l.store_id = r.store_id
        WHERE r.order_id = $1 AND r.store_id = $2 AND r.status = $3`,
      [orderId, storeId, ReservationStatus.COMMITTED],
    );
    const committed = inLockOrder(rows.map((row) => ({ variantId: row.variant_id, locationId: row.location_id, quantity: row.quantity })));
    await putBackOnHand(
      tx,
      storeId,
      lines.flatMap((line) => unitsBack(committed, line.variantId, line.quantity)),
      'order remainder cancelled',
    );
  },
};
