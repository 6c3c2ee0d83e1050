import type { Tx } from '@ultramarket/kit';
import { emitStockChange, RETURNING_STOCK, updateStock, type StockRow } from '../stock/stock-row';
import type { ReservationLine } from './reservation.events';

/**
 * Products in a fixed order (by id): every transaction that touches several inventory rows locks
 * them in the same order, so two orders for the same products in opposite order never deadlock.
 */
export function inLockOrder(lines: ReservationLine[]): ReservationLine[] {
  const merged = new Map<string, number>();
  for (const line of lines) merged.set(line.productId, (merged.get(line.productId) ?? 0) + line.quantity);
  return [...merged].map(([productId, quantity]) => ({ productId, quantity })).sort((a, b) => (a.productId < b.productId ? -1 : 1));
}

/** Holds `quantity` units if that many are available: one conditional UPDATE, never read-then-write. */
export function reserveLine(tx: Tx, storeId: string, line: ReservationLine): Promise<StockRow | null> {
  return updateStock(
    tx.manager,
    `UPDATE inventory_item SET reserved = reserved + $2, version = version + 1, updated_at = now()
      WHERE product_id = $1 AND store_id = $3 AND on_hand - reserved >= $2 ${RETURNING_STOCK}`,
    [line.productId, line.quantity, storeId],
  );
}

/** A reservation's units go back to available stock (its store's items only). */
export async function releaseLines(tx: Tx, storeId: string, lines: ReservationLine[], reason: string): Promise<void> {
  for (const line of inLockOrder(lines)) {
    const row = await updateStock(
      tx.manager,
      `UPDATE inventory_item SET reserved = reserved - $2, version = version + 1, updated_at = now() WHERE product_id = $1 AND store_id = $3 ${RETURNING_STOCK}`,
      [line.productId, line.quantity, storeId],
    );
    if (row) await emitStockChange(tx, row, { delta: line.quantity, reason, availableBefore: row.onHand - row.reserved - line.quantity });
  }
}

/** Sold: the units leave both on-hand and reserved stock (available stock does not change). */
export async function commitLines(tx: Tx, storeId: string, lines: ReservationLine[], reason: string): Promise<void> {
  for (const line of inLockOrder(lines)) {
    const row = await updateStock(
      tx.manager,
      `UPDATE inventory_item SET on_hand = on_hand - $2, reserved = reserved - $2, version = version + 1, updated_at = now()
        WHERE product_id = $1 AND store_id = $3 ${RETURNING_STOCK}`,
      [line.productId, line.quantity, storeId],
    );
    if (row) await emitStockChange(tx, row, { delta: 0, reason, availableBefore: row.onHand - row.reserved });
  }
}

export async function reservationLines(tx: Tx, reservation: { id: string; store_id: string }): Promise<ReservationLine[]> {
  const rows: { product_id: string; quantity: number }[] = await tx.manager.query(
    `SELECT product_id, quantity FROM reservation_line WHERE reservation_id = $1 AND store_id = $2`,
    [reservation.id, reservation.store_id],
  );
  return rows.map((row) => ({ productId: row.product_id, quantity: row.quantity }));
}
