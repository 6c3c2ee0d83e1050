import type { EntityManager } from 'typeorm';
import { returnedRows, type Tx } from '@ultramarket/kit';
import { StockEvents } from './stock.events';

/** An inventory row as a conditional UPDATE … RETURNING gives it back. */
export interface StockRow {
  productId: string;
  variantId: string;
  locationId: string;
  storeId: string;
  onHand: number;
  reserved: number;
  incoming: number;
  lowStockThreshold: number;
  version: number;
}

const STOCK_COLUMNS = ['product_id', 'variant_id', 'location_id', 'store_id', 'on_hand', 'reserved', 'incoming', 'low_stock_threshold', 'version'];

/** The columns a StockRow is read from; `alias` when the statement names its table. */
export function stockColumns(alias?: string): string {
  return STOCK_COLUMNS.map((column) => (alias ? `${alias}.${column}` : column)).join(', ');
}

/** The RETURNING clause that gives back a StockRow; `alias` when the UPDATE names its table. */
export function returningStock(alias?: string): string {
  return `RETURNING ${stockColumns(alias)}`;
}

export const RETURNING_STOCK = returningStock();

/** Runs a conditional UPDATE … RETURNING on one inventory row; null when the condition did not hold. */
export async function updateStock(manager: EntityManager, sql: string, parameters: unknown[]): Promise<StockRow | null> {
  const [row] = await returnedRows<Record<string, string & number>>(manager, sql, parameters);
  return row ? stockRowOf(row) : null;
}

export function stockRowOf(row: Record<string, string & number>): StockRow {
  return {
    productId: row.product_id,
    variantId: row.variant_id,
    locationId: row.location_id,
    storeId: row.store_id,
    onHand: row.on_hand,
    reserved: row.reserved,
    incoming: row.incoming,
    lowStockThreshold: row.low_stock_threshold,
    version: row.version,
  };
}

/** Stock changes in the order their events are written: by product, then variant, then location (see emitStockChange). */
export function inEventOrder<T extends { row: StockRow }>(changes: T[]): T[] {
  const key = (change: T) => `${change.row.productId}:${change.row.variantId}:${change.row.locationId}`;
  return [...changes].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

interface Totals {
  product_on_hand: number;
  product_reserved: number;
  variant_on_hand: number;
  variant_reserved: number;
  version: number;
}

/**
 * Publishes a change of one item: inventory.stock-changed always, and inventory.low-stock when the
 * item's available units fall to its threshold from above it (or its threshold is raised to them). The event carries the item
 * (`location`), its variant across active locations (`variant`) and today's product-wide totals
 * (tracked, listed variants at active locations), which the gateway's `stockChanged(productId)` reads.
 *
 * Its `aggregateVersion` is the product's stock version, one counter per product raised here: the
 * gateway drops a push that is not newer than the last one per product, and items' own versions
 * would not order events of two items. A transaction writes its events in product order (inEventOrder),
 * so two transactions never take two products' counters in opposite order.
 */
export async function emitStockChange(
  tx: Tx,
  row: StockRow,
  change: { delta: number; reason: string; availableBefore: number; thresholdBefore?: number },
): Promise<void> {
  const [totals] = await returnedRows<Totals>(
    tx.manager,
    `WITH counted AS (
       SELECT i.variant_id, i.on_hand, i.reserved, coalesce(v.track_inventory AND v.listed, true) AS for_sale
         FROM inventory_item i JOIN location l ON l.id = i.location_id AND l.active
         LEFT JOIN catalog_variant v ON v.variant_id = i.variant_id
        WHERE i.store_id = $1 AND i.product_id = $2
     ), version AS (
       INSERT INTO product_stock_version (product_id, store_id, version) VALUES ($2, $1, 1)
       ON CONFLICT (product_id) DO UPDATE SET version = product_stock_version.version + 1 RETURNING version
     )
     SELECT coalesce(sum(on_hand) FILTER (WHERE for_sale), 0)::int AS product_on_hand,
            coalesce(sum(reserved) FILTER (WHERE for_sale), 0)::int AS product_reserved,
            coalesce(sum(on_hand) FILTER (WHERE variant_id = $3), 0)::int AS variant_on_hand,
            coalesce(sum(reserved) FILTER (WHERE variant_id = $3), 0)::int AS variant_reserved,
            (SELECT version FROM version) AS version
       FROM counted`,
    [row.storeId, row.productId, row.variantId],
  );
  const available = row.onHand - row.reserved;
  const data = {
    productId: row.productId,
    variantId: row.variantId,
    locationId: row.locationId,
    onHand: totals.product_on_hand,
    reserved: totals.product_reserved,
    available: totals.product_on_hand - totals.product_reserved,
    variant: { onHand: totals.variant_on_hand, reserved: totals.variant_reserved, available: totals.variant_on_hand - totals.variant_reserved },
    location: { onHand: row.onHand, reserved: row.reserved, available, incoming: row.incoming, lowStockThreshold: row.lowStockThreshold },
    lowStockThreshold: row.lowStockThreshold,
    delta: change.delta,
    reason: change.reason,
  };
  const event = { storeId: row.storeId, aggregateId: row.productId, aggregateVersion: totals.version, data };
  await tx.emit({ type: StockEvents.changed, ...event });
  if (available <= row.lowStockThreshold && change.availableBefore > (change.thresholdBefore ?? row.lowStockThreshold)) {
    await tx.emit({ type: StockEvents.lowStock, ...event });
  }
}
