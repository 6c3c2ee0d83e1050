import type { Tx } from '@ultramarket/kit';
import { inLockOrder } from '../reservation/reservation-stock';
import { emitStockChange, inEventOrder, RETURNING_STOCK, updateStock, type StockRow } from './stock-row';

/** Units of one variant at one location coming back on hand. */
export interface UnitsBack {
  variantId: string;
  locationId: string;
  quantity: number;
}

/**
 * Puts sold units back on hand (so available again): a refund's restocked lines, a cancelled remainder. Items are
 * updated in lock order, then each change is published as inventory.stock-changed with `reason`, in event order. An
 * item that no longer exists changes nothing.
 */
export async function putBackOnHand(tx: Tx, storeId: string, units: readonly UnitsBack[], reason: string): Promise<void> {
  const changes: { row: StockRow; quantity: number }[] = [];
  for (const back of inLockOrder([...units])) {
    const row = await updateStock(
      tx.manager,
      `UPDATE inventory_item SET on_hand = on_hand + $3, version = version + 1, updated_at = now()
        WHERE variant_id = $1 AND location_id = $2 AND store_id = $4 ${RETURNING_STOCK}`,
      [back.variantId, back.locationId, back.quantity, storeId],
    );
    if (row) changes.push({ row, quantity: back.quantity });
  }
  for (const { row, quantity } of inEventOrder(changes)) {
    await emitStockChange(tx, row, { delta: quantity, reason, availableBefore: row.onHand - row.reserved - quantity });
  }
}
