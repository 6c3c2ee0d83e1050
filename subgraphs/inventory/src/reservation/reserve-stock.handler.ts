import { returnedRows, type EventHandler } from '@ultramarket/kit';
import { storeOfEvent } from '../store-of-event';
import { emitStockChange, type StockRow } from '../stock/stock-row';
import { inLockOrder, reserveLine } from './reservation-stock';
import { ReservationEvents, ReservationStatus, type ReservationLine } from './reservation.events';
import type { ReservationConfig } from './reservation-config';

interface OrderCreated {
  orderId: string;
  orderNumber: string;
  /** The shopper's user id; null for a guest's order. */
  customerId?: string | null;
  lines: ReservationLine[];
}

/** A guest's order (no customer; an event without the field counts as one) is held for the guest TTL, never longer than anyone's. */
function ttlOf(config: ReservationConfig, order: OrderCreated): number {
  return order.customerId ? config.ttlSeconds : Math.min(config.guestTtlSeconds, config.ttlSeconds);
}

/**
 * orders.created → every line reserved, or none: the rows are updated in product-id order inside a
 * savepoint (an order of one product needs none), and the first line short of stock rolls the others
 * back; the lines and the RESERVED status are then written in one statement. A guest's reservation
 * lapses sooner than a signed-in shopper's (`guestTtlSeconds`).
 */
export function reserveStockOnOrderCreated(config: ReservationConfig): EventHandler<OrderCreated> {
  return {
    name: 'inventory-reserve-order',
    eventType: 'orders.created',
    async handle(event, tx) {
      const { orderId, orderNumber } = event.data;
      const storeId = storeOfEvent(event);
      // a reservation row already there means the order was cancelled first (a tombstone) or handled
      const created: { id: string }[] = await tx.manager.query(
        `INSERT INTO reservation (order_id, store_id, status, expires_at, correlation_id)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4), $5) ON CONFLICT (order_id) DO NOTHING RETURNING id`,
        [orderId, storeId, ReservationStatus.PENDING, ttlOf(config, event.data), event.correlationId],
      );
      if (created.length === 0) return;
      const reservationId = created[0].id;
      const lines = inLockOrder(event.data.lines);

      // several lines are all or none: a savepoint to undo the first ones when a later one is short (one line needs none)
      const atomic = lines.length > 1;
      if (atomic) await tx.manager.query('SAVEPOINT reserve_lines');
      const reservedRows: { row: StockRow; line: ReservationLine }[] = [];
      const shortOf: string[] = [];
      for (const line of lines) {
        const row = await reserveLine(tx, storeId, line);
        if (!row) {
          shortOf.push(line.productId);
          break;
        }
        reservedRows.push({ row, line });
      }
      if (shortOf.length > 0) {
        if (atomic) await tx.manager.query('ROLLBACK TO SAVEPOINT reserve_lines');
        await tx.manager.query(`UPDATE reservation SET status = $3, updated_at = now() WHERE id = $1 AND store_id = $2`, [
          reservationId,
          storeId,
          ReservationStatus.FAILED,
        ]);
        const reason = `Not enough stock for ${shortOf.length === 1 ? 'product' : 'products'} ${shortOf.join(', ')}`;
        await tx.emit({ type: ReservationEvents.reservationFailed, storeId, aggregateId: orderId, data: { orderId, reason, productIds: shortOf } });
        return;
      }
      if (atomic) await tx.manager.query('RELEASE SAVEPOINT reserve_lines');
      // the lines and the reservation's new status in one statement
      const [{ expires_at: expiresAt }] = await returnedRows<{ expires_at: Date }>(
        tx.manager,
        `WITH added AS (
           INSERT INTO reservation_line (reservation_id, store_id, product_id, quantity)
           SELECT $1::uuid, $2::uuid, line.product_id, line.quantity FROM unnest($4::uuid[], $5::int[]) AS line (product_id, quantity)
         )
         UPDATE reservation SET status = $3, updated_at = now() WHERE id = $1 AND store_id = $2 RETURNING expires_at`,
        [reservationId, storeId, ReservationStatus.RESERVED, lines.map((line) => line.productId), lines.map((line) => line.quantity)],
      );
      for (const { row, line } of reservedRows) {
        await emitStockChange(tx, row, {
          delta: -line.quantity,
          reason: `reserved for order ${orderNumber}`,
          availableBefore: row.onHand - row.reserved + line.quantity,
        });
      }
      await tx.emit({
        type: ReservationEvents.reserved,
        storeId,
        aggregateId: orderId,
        data: { orderId, expiresAt: new Date(expiresAt).toISOString(), lines },
      });
    },
  };
}
