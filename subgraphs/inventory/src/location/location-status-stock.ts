import type { EntityManager } from 'typeorm';
import type { Tx } from '@ultramarket/kit';
import { emitStockChange, inEventOrder, stockColumns, stockRowOf, type StockRow } from '../stock/stock-row';

/** The `reason` of the inventory.stock-changed a location's (de)activation publishes for each item kept there (schema/events.md). */
export const LocationStatusReason = {
  deactivated: 'location deactivated',
  reactivated: 'location reactivated',
} as const;

/**
 * Every item kept at a location, locked until the transaction ends (in product, then variant order,
 * the order their events are written in), so no change or reservation of them slips between the
 * status change and the events that announce it.
 */
export async function lockItemsAt(manager: EntityManager, storeId: string, locationId: string): Promise<StockRow[]> {
  const rows: Record<string, string & number>[] = await manager.query(
    `SELECT ${stockColumns()} FROM inventory_item WHERE location_id = $1 AND store_id = $2 ORDER BY product_id, variant_id FOR UPDATE`,
    [locationId, storeId],
  );
  return rows.map(stockRowOf);
}

/**
 * Announces a location's (de)activation to everyone who follows stock: each item kept there changes
 * its variant's (and product's) units across active locations without changing itself, so one
 * inventory.stock-changed per item, written after the status change in the same transaction (its
 * totals already count the location in or out). `delta` is the change of the variant's available
 * units: the item's available units gone (deactivated) or back (reactivated). The item's own counts
 * do not move, so it never falls to its low-stock threshold here.
 */
export async function announceLocationStatus(tx: Tx, items: StockRow[], active: boolean): Promise<void> {
  for (const { row } of inEventOrder(items.map((item) => ({ row: item })))) {
    const available = row.onHand - row.reserved;
    await emitStockChange(tx, row, {
      delta: active ? available : -available,
      reason: active ? LocationStatusReason.reactivated : LocationStatusReason.deactivated,
      availableBefore: available,
    });
  }
}
