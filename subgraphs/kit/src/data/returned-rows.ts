import type { EntityManager } from 'typeorm';

/**
 * The rows a statement with RETURNING gave back. TypeORM's postgres driver answers an UPDATE or DELETE
 * with `[rows, count]` and anything else with the rows.
 */
export async function returnedRows<T>(manager: EntityManager, sql: string, parameters: unknown[]): Promise<T[]> {
  const result: unknown = await manager.query(sql, parameters);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
