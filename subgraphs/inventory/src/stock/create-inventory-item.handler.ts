import type { EventHandler } from '@ultramarket/kit';
import { storeOfEvent } from '../store-of-event';

interface ProductCreated {
  productId: string;
}

/** Every new catalog product gets an inventory item with nothing on hand. */
export function createInventoryItemOnProductCreated(lowStockThreshold: number): EventHandler<ProductCreated> {
  return {
    name: 'inventory-create-item',
    eventType: 'catalog.product-created',
    async handle(event, tx) {
      await tx.manager.query(
        `INSERT INTO inventory_item (product_id, store_id, on_hand, reserved, low_stock_threshold)
         VALUES ($1, $2, 0, 0, $3) ON CONFLICT (product_id) DO NOTHING`,
        [event.data.productId, storeOfEvent(event), lowStockThreshold],
      );
    },
  };
}
