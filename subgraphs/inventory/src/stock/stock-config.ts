import { envReader, type Env } from '@ultramarket/kit';

/**
 * The low-stock threshold a new inventory item starts with (INVENTORY_LOW_STOCK_THRESHOLD, default 5).
 * It only seeds new items: each item's own threshold is then the merchant's (`setLowStockThreshold`).
 */
export function defaultLowStockThreshold(env: Env = process.env): number {
  return envReader(env).int('INVENTORY_LOW_STOCK_THRESHOLD', 5, { min: 0 });
}
