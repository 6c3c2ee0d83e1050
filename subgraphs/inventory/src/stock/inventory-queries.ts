import { In } from 'typeorm';
import { byKeys, type SubgraphContext } from '@ultramarket/kit';
import { InventoryItem } from './inventory-item.entity';

/** Inventory by product id, batched per request: a page of 10 or 100 products costs one statement. */
export function loadInventory(context: SubgraphContext, productId: string): Promise<InventoryItem | null> {
  return context.loaders
    .get<string, InventoryItem | null>('inventoryByProductId', async (productIds) => {
      const rows = await context.db.getRepository(InventoryItem).findBy({ productId: In([...productIds]) });
      return byKeys(productIds, rows, (row) => row.productId);
    })
    .load(productId);
}
