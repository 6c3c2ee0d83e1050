import { badUserInput, decodeCursor, encodeCursor, pageSize, toConnection, type Connection, type SubgraphContext } from '@ultramarket/kit';
import { InventoryItem } from './inventory-item.entity';

/** The caller's store's inventory, oldest item first; `lowStock` keeps items at or below their threshold. */
export async function listInventory(
  context: SubgraphContext,
  args: { first?: number | null; after?: string | null; lowStock?: boolean | null },
): Promise<Connection<InventoryItem>> {
  const storeId = context.caller.storeId;
  if (!storeId) throw badUserInput('Act for a store to list its inventory');
  const limit = pageSize(args.first);
  const cursor = args.after ? decodeCursor(args.after) : null;
  // count and page read one snapshot of the caller's store
  return context.storeDb.read(async (manager) => {
    const query = manager.getRepository(InventoryItem).createQueryBuilder('i').where('i.store_id = :storeId', { storeId });
    if (args.lowStock) query.andWhere('i.on_hand - i.reserved <= i.low_stock_threshold');
    const totalCount = await query.clone().getCount();
    if (cursor) {
      const [createdAt, id] = cursor;
      query.andWhere('(i.created_at, i.id) > (CAST(:createdAt AS timestamptz), CAST(:id AS uuid))', { createdAt, id });
    }
    const rows = await query
      .orderBy('i.created_at', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    return toConnection(rows, limit, totalCount, cursor !== null, (item) => encodeCursor(item.createdAt.toISOString(), item.id));
  });
}
