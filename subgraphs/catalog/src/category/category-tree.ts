import type { EntityManager } from 'typeorm';

/** The deepest a category may sit (a root is at depth 1). */
export const MAX_CATEGORY_DEPTH = 10;

/**
 * Serialises changes to one store's tree for the rest of the transaction: two moves checked against the
 * same snapshot could otherwise each pass the cycle check and together make a loop.
 */
export async function lockCategoryTree(manager: EntityManager, storeId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('catalog.category-tree'), hashtext($1))`, [storeId]);
}

/** The ids of a parent's children (roots when `parentId` is null) in their order. */
export async function siblingIds(manager: EntityManager, storeId: string, parentId: string | null): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM category WHERE store_id = $1 AND parent_id IS NOT DISTINCT FROM $2 ORDER BY position, created_at, id`,
    [storeId, parentId],
  );
  return rows.map((row) => row.id);
}

/** Numbers `ids` 0, 1, 2, … in the given order, in one statement. */
export async function renumberSiblings(manager: EntityManager, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await manager.query(
    `UPDATE category c SET position = (ordered.ordinal - 1)::int, updated_at = now()
       FROM unnest($1::uuid[]) WITH ORDINALITY AS ordered (id, ordinal)
      WHERE c.id = ordered.id AND c.position <> (ordered.ordinal - 1)::int`,
    [ids],
  );
}

/** `ids` with `id` placed at `position` (clamped to the list; the end when null). */
export function placedAt(ids: string[], id: string, position: number | null | undefined): string[] {
  const others = ids.filter((other) => other !== id);
  const at = position === null || position === undefined ? others.length : Math.max(0, Math.min(position, others.length));
  return [...others.slice(0, at), id, ...others.slice(at)];
}

/** How many levels a category's subtree spans (1 for a leaf). */
export async function subtreeHeight(manager: EntityManager, categoryId: string, depth: number): Promise<number> {
  const [row]: { deepest: number | null }[] = await manager.query(`SELECT max(cardinality(path)) AS deepest FROM category WHERE path @> ARRAY[$1::uuid]`, [
    categoryId,
  ]);
  return (row.deepest ?? depth) - depth + 1;
}
