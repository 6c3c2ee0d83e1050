import type { InventoryItem } from './inventory-item.entity';

/** What inventory publishes about stock (see schema/events.md). */
export const StockEvents = {
  changed: 'inventory.stock-changed',
  lowStock: 'inventory.low-stock',
} as const;

export function stockEventData(item: InventoryItem, extra: { delta: number; reason: string }) {
  return {
    productId: item.productId,
    onHand: item.onHand,
    reserved: item.reserved,
    available: item.available,
    lowStockThreshold: item.lowStockThreshold,
    delta: extra.delta,
    reason: extra.reason,
  };
}
