import type { EventHandler } from '@ultramarket/kit';
import { storeOfEvent } from '../store-of-event';
import { ReservationStatus } from './reservation.events';
import { releaseReservation } from './release-reservation';
import { putBackCommitted } from './put-back-committed';

/**
 * orders.cancelled → the order's stock goes back: a reservation still held is released; units of a committed one
 * named in `restock` (an authorized order cancelled with nothing captured: no refund restocks them) go back on hand.
 * When the cancellation arrives before the order's orders.created was handled, a released "tombstone" reservation
 * makes that later event reserve nothing.
 */
export const releaseReservationOnCancel: EventHandler<{ orderId: string; restock?: { variantId: string; quantity: number }[] }> = {
  name: 'inventory-release-cancelled-order',
  eventType: 'orders.cancelled',
  async handle(event, tx) {
    const { orderId } = event.data;
    const storeId = storeOfEvent(event);
    const [reservation]: { id: string; order_id: string; store_id: string; status: ReservationStatus }[] = await tx.manager.query(
      `SELECT id, order_id, store_id, status FROM reservation WHERE order_id = $1 AND store_id = $2 FOR UPDATE`,
      [orderId, storeId],
    );
    if (!reservation) {
      await tx.manager.query(
        `INSERT INTO reservation (order_id, store_id, status, expires_at, correlation_id) VALUES ($1, $2, $3, now(), $4) ON CONFLICT (order_id) DO NOTHING`,
        [orderId, storeId, ReservationStatus.RELEASED, event.correlationId],
      );
      return;
    }
    if (reservation.status === ReservationStatus.RESERVED) await releaseReservation(tx, reservation, 'cancelled');
    else if (reservation.status === ReservationStatus.COMMITTED && Array.isArray(event.data.restock) && event.data.restock.length > 0) {
      await putBackCommitted(tx, storeId, orderId, event.data.restock, 'order cancelled');
    }
  },
};
