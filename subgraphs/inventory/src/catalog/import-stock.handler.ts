import type { EventHandler } from '@ultramarket/kit';
import { storeOfEvent } from '../store-of-event';
import { setImportedLevels } from './set-imported-levels';

/** catalog.inventory-imported: the "Variant Inventory Qty" of one imported product. */
export interface InventoryImportedEvent {
  productId: string;
  levels: { variantId: string; sku: string | null; onHand: number }[];
}

/**
 * Sets each imported variant's on-hand at the store's default location, as setStock would (one
 * stock_adjustment row and inventory.stock-changed each; the key `import:<event id>:<variant>` makes a
 * redelivery change nothing), all the product's variants at once (set-imported-levels.ts). A variant
 * inventory has not heard of yet (its catalog.product-created is still on its way on another consumer)
 * is retried; a count below the units held for orders is skipped with a warning (the merchant's file
 * cannot take reserved units away) and the other variants still set.
 */
export const importStockOnCatalogImport: EventHandler<InventoryImportedEvent> = {
  name: 'inventory-import-stock',
  eventType: 'catalog.inventory-imported',
  handle: async (event, tx, logger) => {
    await setImportedLevels(tx, storeOfEvent(event), event.id, event.data.levels, logger);
  },
};
