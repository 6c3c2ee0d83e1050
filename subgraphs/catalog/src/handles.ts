import type { EntityManager } from 'typeorm';

/** The tables whose rows have a handle unique per store. */
export type HandledTable = 'category' | 'collection';

/** The first free handle of `base`, `base-2`, `base-3`, … among a store's categories or collections. */
export async function availableHandleIn(manager: EntityManager, table: HandledTable, storeId: string, base: string): Promise<string> {
  const rows: { handle: string }[] = await manager.query(`SELECT handle FROM ${table} WHERE store_id = $1 AND (handle = $2 OR handle LIKE $3)`, [
    storeId,
    base,
    `${base.replace(/[\\%_]/g, '\\$&')}-%`,
  ]);
  const taken = new Set(rows.map((row) => row.handle));
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix += 1) {
    if (!taken.has(`${base}-${suffix}`)) return `${base}-${suffix}`;
  }
}
