import type { EventHandler } from '@ultramarket/kit';
import { storeOfEvent } from '../store-of-event';
import { commitLines, reservationLines } from './reservation-stock';
import { ReservationEvents, ReservationStatus } from './reservation.events';

/**
 * payments.succeeded → the reserved units are sold. If the reservation is gone (it expired or the
 * order was cancelled first), inventory.commit-failed tells payments to refund: no paid order is
 * ever left without stock or a refund.
 */
export const commitReservationOnPayment: EventHandler<{ orderId: string }> = {
  name: 'inventory-commit-order',
  eventType: 'payments.succeeded',
  async handle(event, tx) {
    const { orderId } = event.data;
    const storeId = storeOfEvent(event);
    const [reservation]: { id: string; status: ReservationStatus; store_id: string }[] = await tx.manager.query(
      `SELECT id, status, store_id FROM reservation WHERE order_id = $1 AND store_id = $2 FOR UPDATE`,
      [orderId, storeId],
    );
    if (reservation?.status === ReservationStatus.COMMITTED) return;
    if (reservation?.status !== ReservationStatus.RESERVED) {
      const reason = reservation ? `The stock reservation is ${reservation.status.toLowerCase()}` : 'No stock was reserved for the order';
      await tx.emit({ type: ReservationEvents.commitFailed, storeId, aggregateId: orderId, data: { orderId, reason } });
      return;
    }
    await commitLines(tx, storeId, await reservationLines(tx, reservation), 'sold');
    await tx.manager.query(`UPDATE reservation SET status = $3, updated_at = now() WHERE id = $1 AND store_id = $2`, [
      reservation.id,
      storeId,
      ReservationStatus.COMMITTED,
    ]);
    await tx.emit({ type: ReservationEvents.committed, storeId, aggregateId: orderId, data: { orderId } });
  },
};
