import { PermanentEventError, returnedRows, type EventHandler } from '@ultramarket/kit';
import { storeOfEvent } from '../store-of-event';
import { ReservationEvents, ReservationStatus } from './reservation.events';

interface PaymentInitiated {
  orderId: string;
  /** Set for a manual payment (bank transfer, cash on delivery, other): its stock is held until then. */
  holdReservationUntil?: string | null;
}

/**
 * payments.initiated of a manual payment → the order's reservation is held until `holdReservationUntil`, the
 * store's hold for that method, while the money is on its way. Only a held reservation is extended, and only
 * later (never shortened): a released or committed one, or a redelivery, changes nothing and publishes nothing.
 * inventory.reservation-extended tells orders (`reservationExpiresAt`) and payments (payable until then).
 */
export const extendReservationForManualPayment: EventHandler<PaymentInitiated> = {
  name: 'inventory-extend-for-manual-payment',
  eventType: 'payments.initiated',
  async handle(event, tx) {
    const { orderId, holdReservationUntil } = event.data;
    if (!holdReservationUntil) return; // a card payment: the reservation keeps its time
    const until = new Date(holdReservationUntil);
    if (Number.isNaN(until.getTime())) throw new PermanentEventError(`payments.initiated ${event.id} with an invalid holdReservationUntil`);
    const storeId = storeOfEvent(event);
    const [extended] = await returnedRows<{ expires_at: Date }>(
      tx.manager,
      `UPDATE reservation SET expires_at = $3, updated_at = now()
        WHERE order_id = $1 AND store_id = $2 AND status = $4 AND expires_at < $3 RETURNING expires_at`,
      [orderId, storeId, until, ReservationStatus.RESERVED],
    );
    if (!extended) return;
    await tx.emit({
      type: ReservationEvents.reservationExtended,
      storeId,
      aggregateId: orderId,
      data: { orderId, expiresAt: new Date(extended.expires_at).toISOString() },
    });
  },
};
