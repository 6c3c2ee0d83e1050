import { returnedRows, type EventHandler } from '@ultramarket/kit';
import { storeOfEvent } from '../store-of-event';
import { commitHeld, HELD_UNITS_JSON } from './reservation-stock';
import { ReservationEvents, ReservationStatus, type HeldUnits } from './reservation.events';

const RESERVATION_STATUS = `SELECT status FROM reservation WHERE order_id = $1 AND store_id = $2`;

/**
 * payments.succeeded → the reserved units are sold. If the reservation is gone (it expired or the
 * order was cancelled first), inventory.commit-failed tells payments to refund: no paid order is
 * ever left without stock or a refund. A held reservation is claimed and its lines read in one
 * statement (its row lock serializes this with the expiry sweep and a repeated event).
 */
export const commitReservationOnPayment: EventHandler<{ orderId: string }> = {
  name: 'inventory-commit-order',
  eventType: 'payments.succeeded',
  async handle(event, tx) {
    const { orderId } = event.data;
    const storeId = storeOfEvent(event);
    // the common case in one statement: a held reservation claimed (its row lock taken) with its lines
    const [claimed] = await returnedRows<{ id: string; lines: HeldUnits[] }>(
      tx.manager,
      `UPDATE reservation r SET status = $3, updated_at = now() WHERE order_id = $1 AND store_id = $2 AND status = $4
        RETURNING id, (SELECT coalesce(json_agg(${HELD_UNITS_JSON}), '[]'::json)
                         FROM reservation_line l WHERE l.reservation_id = r.id AND l.store_id = r.store_id) AS lines`,
      [orderId, storeId, ReservationStatus.COMMITTED, ReservationStatus.RESERVED],
    );
    if (claimed) {
      // the units leave the locations that held them
      await commitHeld(tx, storeId, claimed.lines, 'sold');
      await tx.emit({ type: ReservationEvents.committed, storeId, aggregateId: orderId, data: { orderId } });
      return;
    }
    // not held (any more): committed already (a repeated payment event), or gone, which payments must refund
    const [reservation]: { status: ReservationStatus }[] = await tx.manager.query(RESERVATION_STATUS, [orderId, storeId]);
    if (reservation?.status === ReservationStatus.COMMITTED) return;
    const reason = reservation ? `The stock reservation is ${reservation.status.toLowerCase()}` : 'No stock was reserved for the order';
    await tx.emit({ type: ReservationEvents.commitFailed, storeId, aggregateId: orderId, data: { orderId, reason } });
  },
};

/**
 * payments.authorized (a MANUAL-capture store) → the reserved units are sold, exactly as on payments.succeeded:
 * an authorized order is one the store will ship, and its money is taken as it ships.
 */
export const commitReservationOnAuthorization: EventHandler<{ orderId: string }> = {
  ...commitReservationOnPayment,
  name: 'inventory-commit-authorized-order',
  eventType: 'payments.authorized',
};
