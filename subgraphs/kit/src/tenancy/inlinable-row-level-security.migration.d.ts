import type { MigrationInterface, QueryRunner } from 'typeorm';
/**
 * `app_store_visible` as a LANGUAGE sql expression the planner inlines into every policy that calls
 * it (every tenant-owned table's `store_isolation`, which keep their definition and pick up the new
 * body), instead of a plpgsql call per row: the policy becomes a plain filter on `store_id`.
 *
 * The guarantee stays: a transaction that set no store (`app.store_id` unset, or '' once a scoped
 * transaction of the session ended) fails instead of seeing rows. An inlinable SQL function cannot
 * RAISE, so the missing scope is turned into a value that cannot be cast to uuid; the cast fails
 * with "invalid input syntax for type uuid: "no store scope: …"" (the message the tests and callers
 * match), and fails even on a table without rows, where the RAISE, run per row, never ran. With a
 * store the cast reads a valid uuid; with `*` it is skipped (NULLIF) and the second arm admits every row.
 */
export declare class KitInlinableRowLevelSecurity1763769600005 implements MigrationInterface {
    name: string;
    up(runner: QueryRunner): Promise<void>;
    down(runner: QueryRunner): Promise<void>;
}
