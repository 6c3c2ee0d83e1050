import type { Tx } from '@ultramarket/kit';
import { heldUnits, releaseHeld } from './reservation-stock';
import { ReservationEvents, ReservationStatus } from './reservation.events';

export type ReleaseReason = 'cancelled' | 'expired';

/** Gives a held reservation's units back to available stock and says so. */
export async function releaseReservation(tx: Tx, reservation: { id: string; order_id: string; store_id: string }, reason: ReleaseReason): Promise<void> {
  await releaseHeld(tx, reservation.store_id, await heldUnits(tx, reservation), reason === 'expired' ? 'reservation expired' : 'order cancelled');
  await tx.manager.query(`UPDATE reservation SET status = $3, updated_at = now() WHERE id = $1 AND store_id = $2`, [
    reservation.id,
    reservation.store_id,
    ReservationStatus.RELEASED,
  ]);
  await tx.emit({
    type: ReservationEvents.released,
    storeId: reservation.store_id,
    aggregateId: reservation.order_id,
    data: { orderId: reservation.order_id, reason },
  });
}
