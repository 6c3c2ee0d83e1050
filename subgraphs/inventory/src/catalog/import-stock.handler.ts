import { RetryableEventError, type EventHandler } from '@ultramarket/kit';
import { storeOfEvent } from '../store-of-event';
import { changeInTransaction } from '../stock/change-item';
import { StockChangeKind } from '../stock/stock-adjustment.entity';
import { Refusal } from '../stock/refusal';

/** catalog.inventory-imported: the "Variant Inventory Qty" of one imported product. */
export interface InventoryImportedEvent {
  productId: string;
  levels: { variantId: string; sku: string | null; onHand: number }[];
}

/**
 * Sets each imported variant's on-hand at the store's default location, as setStock would (one
 * stock_adjustment row and inventory.stock-changed each; the key `import:<event id>:<variant>` makes a
 * redelivery change nothing). A variant inventory has not heard of yet (its catalog.product-created is
 * still on its way on another consumer) is retried; a count below the units held for orders is skipped
 * with a warning (the merchant's file cannot take reserved units away) and the other variants still set.
 */
export const importStockOnCatalogImport: EventHandler<InventoryImportedEvent> = {
  name: 'inventory-import-stock',
  eventType: 'catalog.inventory-imported',
  handle: async (event, tx, logger) => {
    const storeId = storeOfEvent(event);
    for (const level of event.data.levels) {
      try {
        await changeInTransaction(tx, storeId, {
          kind: StockChangeKind.SET,
          ref: { variantId: level.variantId },
          value: level.onHand,
          reason: 'CSV import',
          idempotencyKey: `import:${event.id}:${level.variantId}`,
        });
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        if (error.userError.code === 'NOT_FOUND') throw new RetryableEventError(`variant ${level.variantId} is not known to inventory yet`);
        logger?.warn({ variantId: level.variantId, code: error.userError.code }, 'imported on-hand refused; the variant keeps its stock');
      }
    }
  },
};
