import type { EntityManager } from 'typeorm';
import { returnedRows, type Tx } from '@ultramarket/kit';
import { StockEvents } from './stock.events';

/** An inventory row as a conditional UPDATE … RETURNING gives it back. */
export interface StockRow {
  productId: string;
  storeId: string;
  onHand: number;
  reserved: number;
  lowStockThreshold: number;
  version: number;
}

export const RETURNING_STOCK = 'RETURNING product_id, store_id, on_hand, reserved, low_stock_threshold, version';

/** Runs a conditional UPDATE … RETURNING on one inventory row; null when the condition did not hold. */
export async function updateStock(manager: EntityManager, sql: string, parameters: unknown[]): Promise<StockRow | null> {
  const [row] = await returnedRows<Record<string, string & number>>(manager, sql, parameters);
  if (!row) return null;
  return {
    productId: row.product_id,
    storeId: row.store_id,
    onHand: row.on_hand,
    reserved: row.reserved,
    lowStockThreshold: row.low_stock_threshold,
    version: row.version,
  };
}

/**
 * Publishes a change of available stock: inventory.stock-changed always, and inventory.low-stock
 * when available units fall to the threshold from above it.
 */
export async function emitStockChange(tx: Tx, row: StockRow, change: { delta: number; reason: string; availableBefore: number }): Promise<void> {
  const available = row.onHand - row.reserved;
  const data = {
    productId: row.productId,
    onHand: row.onHand,
    reserved: row.reserved,
    available,
    lowStockThreshold: row.lowStockThreshold,
    delta: change.delta,
    reason: change.reason,
  };
  await tx.emit({ type: StockEvents.changed, storeId: row.storeId, aggregateId: row.productId, aggregateVersion: row.version, data });
  if (available <= row.lowStockThreshold && change.availableBefore > row.lowStockThreshold) {
    await tx.emit({ type: StockEvents.lowStock, storeId: row.storeId, aggregateId: row.productId, aggregateVersion: row.version, data });
  }
}
