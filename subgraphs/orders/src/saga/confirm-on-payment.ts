import type { Order } from '../order/order.entity';
import { ReservationStatus } from '../order/order-status';

/**
 * How long a reservation must still run for a payment to confirm its order at once. Inventory commits
 * the stock when it hears of the same payments.succeeded, within milliseconds; only a reservation
 * that lapsed before that commit (inventory a minute behind) could still fail it, and then inventory
 * says inventory.commit-failed and payments refunds, as for any paid order whose stock is gone
 * (CONFIRMED may become REFUNDED). Nearer its end the order waits for inventory.committed as before.
 */
export const CONFIRM_ON_PAYMENT_MARGIN_MS = 60_000;

/**
 * Whether a payment confirms the order in the same transaction, skipping the hop through inventory:
 * its stock is committed already, or reserved for at least `CONFIRM_ON_PAYMENT_MARGIN_MS` more.
 */
export function stockHeldForConfirmation(order: Order, now: Date = new Date()): boolean {
  if (order.reservationStatus === ReservationStatus.COMMITTED) return true;
  if (order.reservationStatus !== ReservationStatus.RESERVED || !order.reservationExpiresAt) return false;
  return order.reservationExpiresAt.getTime() - now.getTime() >= CONFIRM_ON_PAYMENT_MARGIN_MS;
}
