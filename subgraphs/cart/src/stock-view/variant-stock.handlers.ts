import type { EntityManager } from 'typeorm';
import { PermanentEventError, type EventHandler } from '@ultramarket/kit';

interface StockChangedData {
  productId?: unknown;
  variantId?: unknown;
  variant?: { available?: unknown } | null;
}

/**
 * Keeps `variant_stock_view` from inventory.stock-changed: the variant's units available at active locations
 * (`data.variant.available`). Its `aggregateVersion` is the product's stock counter, raised by every change of
 * any of its items, so a newer one wins per variant too; an older event changes nothing. A variant inventory
 * never published (untracked) has no row: review treats it as in stock.
 */
export const variantStockHandlers: EventHandler[] = [
  {
    name: 'cart-stock-changed',
    eventType: 'inventory.stock-changed',
    async handle(event, tx) {
      const data = event.data as StockChangedData;
      const available = data.variant?.available;
      if (!event.storeId || typeof data.variantId !== 'string' || typeof data.productId !== 'string' || typeof available !== 'number') {
        throw new PermanentEventError(`${event.type} ${event.id} names no variant and its available units`);
      }
      await tx.manager.query(
        `INSERT INTO variant_stock_view (variant_id, store_id, product_id, available, version, updated_at)
         VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (variant_id) DO UPDATE SET available = EXCLUDED.available, version = EXCLUDED.version, updated_at = now()
         WHERE variant_stock_view.version < EXCLUDED.version AND variant_stock_view.store_id = EXCLUDED.store_id`,
        [data.variantId, event.storeId, data.productId, available, event.aggregateVersion],
      );
    },
  },
];

/** The available units of the variants cart heard of (variants without a row are not tracked, or not heard of yet). */
export async function readAvailableStock(manager: EntityManager, storeId: string, variantIds: string[]): Promise<Map<string, number>> {
  if (variantIds.length === 0) return new Map();
  const rows: { variant_id: string; available: number }[] = await manager.query(
    `SELECT variant_id, available FROM variant_stock_view WHERE store_id = $1 AND variant_id = ANY($2::uuid[])`,
    [storeId, variantIds],
  );
  return new Map(rows.map((row) => [row.variant_id, row.available]));
}
