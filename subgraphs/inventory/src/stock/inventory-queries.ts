import { In } from 'typeorm';
import { byKeys, type SubgraphContext } from '@ultramarket/kit';
import { InventoryItem } from './inventory-item.entity';

/**
 * Inventory by product id, batched per request: a page of 10 or 100 products costs one read, in a
 * transaction scoped to the caller's store (row-level security hides every other store's items; the
 * store condition says so in the query too). A product of another store has no item here.
 */
export function loadInventory(context: SubgraphContext, productId: string): Promise<InventoryItem | null> {
  const storeId = context.caller.storeId;
  return context.loaders
    .get<string, InventoryItem | null>('inventoryByProductId', async (productIds) => {
      const rows = await context.storeDb.read((manager) =>
        manager.getRepository(InventoryItem).findBy({ productId: In([...productIds]), ...(storeId ? { storeId } : {}) }),
      );
      return byKeys(productIds, rows, (row) => row.productId);
    })
    .load(productId);
}
