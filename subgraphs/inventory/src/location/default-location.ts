import type { EntityManager } from 'typeorm';

/**
 * The store's default location, created on first need (the store's first catalog event or stock
 * change) as "Default" with priority 0. Two transactions creating it at once: one inserts, the
 * other waits for it (the partial unique index) and reads it in a statement of its own, whose
 * snapshot sees the winner's row.
 */
export async function defaultLocationOf(manager: EntityManager, storeId: string): Promise<string> {
  const existing: { id: string }[] = await manager.query(`SELECT id FROM location WHERE store_id = $1 AND is_default`, [storeId]);
  if (existing.length > 0) return existing[0].id;
  const created: { id: string }[] = await manager.query(
    `INSERT INTO location (store_id, name, code, priority, is_default) VALUES ($1, 'Default', 'default', 0, true)
     ON CONFLICT (store_id) WHERE is_default DO NOTHING RETURNING id`,
    [storeId],
  );
  if (created.length > 0) return created[0].id;
  const [winner]: { id: string }[] = await manager.query(`SELECT id FROM location WHERE store_id = $1 AND is_default`, [storeId]);
  return winner.id;
}
