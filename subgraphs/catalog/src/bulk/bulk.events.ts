/** What bulk operations publish (schema/events.md). */
export const BulkEvents = {
  /** A job's counters and status; at most one per job per throttle interval, plus the final one. */
  progress: 'catalog.bulk-operation-progress',
  /** "Variant Inventory Qty" of one imported product: inventory sets each variant's on-hand at the store's default location. */
  inventoryImported: 'catalog.inventory-imported',
} as const;

export interface BulkOperationProgressData {
  operationId: string;
  kind: string;
  status: string;
  totalRows: number;
  processedRows: number;
  succeededRows: number;
  failedRows: number;
}

export interface InventoryImportedData {
  productId: string;
  levels: { variantId: string; sku: string | null; onHand: number }[];
}
