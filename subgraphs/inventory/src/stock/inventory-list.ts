import { badUserInput, byCreatedAt, keysetPage, pageSize, type Connection, type SubgraphContext } from '@ultramarket/kit';
import { InventoryItem } from './inventory-item.entity';

/** The caller's store's inventory, oldest item first; `lowStock` keeps items at or below their threshold. */
export async function listInventory(
  context: SubgraphContext,
  args: { first?: number | null; after?: string | null; lowStock?: boolean | null },
): Promise<Connection<InventoryItem>> {
  const storeId = context.caller.storeId;
  if (!storeId) throw badUserInput('Act for a store to list its inventory');
  const limit = pageSize(args.first);
  // count and page read one snapshot of the caller's store
  return context.storeDb.read(async (manager) => {
    const query = manager.getRepository(InventoryItem).createQueryBuilder('i').where('i.store_id = :storeId', { storeId });
    if (args.lowStock) query.andWhere('i.on_hand - i.reserved <= i.low_stock_threshold');
    return keysetPage(query, { sort: byCreatedAt<InventoryItem>('i'), descending: false, limit, after: args.after, countTotal: true });
  });
}
