import type { Tx } from '@ultramarket/kit';
import { emitStockChange, inEventOrder, RETURNING_STOCK, updateStock, type StockRow } from '../stock/stock-row';
import type { HeldUnits } from './reservation.events';

/**
 * Held units in the fixed lock order every multi-row change uses, (variant id, location id): two
 * transactions touching the same items lock them in the same order and never deadlock.
 */
export function inLockOrder<T extends { variantId: string; locationId: string }>(rows: T[]): T[] {
  const key = (row: T) => `${row.variantId}:${row.locationId}`;
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** A reservation's units go back to available stock (its store's items only), each item's change published. */
export async function releaseHeld(tx: Tx, storeId: string, held: HeldUnits[], reason: string): Promise<void> {
  const changes: { row: StockRow; units: HeldUnits }[] = [];
  for (const units of inLockOrder(held)) {
    const row = await updateStock(
      tx.manager,
      `UPDATE inventory_item SET reserved = reserved - $3, version = version + 1, updated_at = now()
        WHERE variant_id = $1 AND location_id = $2 AND store_id = $4 ${RETURNING_STOCK}`,
      [units.variantId, units.locationId, units.quantity, storeId],
    );
    if (row) changes.push({ row, units });
  }
  for (const { row, units } of inEventOrder(changes)) {
    await emitStockChange(tx, row, { delta: units.quantity, reason, availableBefore: row.onHand - row.reserved - units.quantity });
  }
}

/** Sold: the units leave both on-hand and reserved stock at the locations that held them (available stock does not change). */
export async function commitHeld(tx: Tx, storeId: string, held: HeldUnits[], reason: string): Promise<void> {
  const changes: { row: StockRow }[] = [];
  for (const units of inLockOrder(held)) {
    const row = await updateStock(
      tx.manager,
      `UPDATE inventory_item SET on_hand = on_hand - $3, reserved = reserved - $3, version = version + 1, updated_at = now()
        WHERE variant_id = $1 AND location_id = $2 AND store_id = $4 ${RETURNING_STOCK}`,
      [units.variantId, units.locationId, units.quantity, storeId],
    );
    if (row) changes.push({ row });
  }
  for (const { row } of inEventOrder(changes)) await emitStockChange(tx, row, { delta: 0, reason, availableBefore: row.onHand - row.reserved });
}

/** The units a reservation holds, location by location, as recorded when it was made. */
export async function heldUnits(tx: Tx, reservation: { id: string; store_id: string }): Promise<HeldUnits[]> {
  const rows: { product_id: string; variant_id: string; location_id: string; quantity: number }[] = await tx.manager.query(
    `SELECT product_id, variant_id, location_id, quantity FROM reservation_line WHERE reservation_id = $1 AND store_id = $2`,
    [reservation.id, reservation.store_id],
  );
  return rows.map((row) => ({ productId: row.product_id, variantId: row.variant_id, locationId: row.location_id, quantity: row.quantity }));
}

/** The json_build_object that reads a reservation_line row as HeldUnits, for statements that claim a reservation and read its lines at once. */
export const HELD_UNITS_JSON = `json_build_object('productId', l.product_id, 'variantId', l.variant_id, 'locationId', l.location_id, 'quantity', l.quantity)`;
