import type { SubgraphContext } from '@ultramarket/kit';

/**
 * Which of `userIds` are people of the caller's store: its staff (memberships) or its customers
 * (they ordered there). Batched per request; the store comes from the request's scope.
 */
export function isPersonOfCallersStore(context: SubgraphContext, userId: string): Promise<boolean> {
  const storeId = context.caller.storeId;
  if (!storeId) return Promise.resolve(false);
  return context.loaders
    .get<string, boolean>('personOfStore', async (userIds) => {
      const rows: { user_id: string }[] = await context.storeDb.read((manager) =>
        manager.query(
          `SELECT user_id FROM store_customer WHERE store_id = $1 AND user_id = ANY($2::uuid[])
           UNION SELECT user_id FROM store_membership WHERE store_id = $1 AND role IS NOT NULL AND user_id = ANY($2::uuid[])`,
          [storeId, [...userIds]],
        ),
      );
      const people = new Set(rows.map((row) => row.user_id));
      return userIds.map((id) => people.has(id));
    })
    .load(userId);
}
