/** What inventory publishes about stock (see schema/events.md). */
export const StockEvents = {
  changed: 'inventory.stock-changed',
  lowStock: 'inventory.low-stock',
} as const;
