"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.KitInlinableRowLevelSecurity1763769600005 = void 0;
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
class KitInlinableRowLevelSecurity1763769600005 {
    constructor() {
        this.name = 'KitInlinableRowLevelSecurity1763769600005';
    }
    async up(runner) {
        await runner.query(`
      CREATE OR REPLACE FUNCTION app_store_visible(row_store_id uuid) RETURNS boolean
      LANGUAGE sql STABLE AS $$
        SELECT row_store_id = NULLIF(
                 COALESCE(NULLIF(current_setting('app.store_id', true), ''), 'no store scope: tenant-owned tables need app.store_id set in the transaction'),
                 '*')::uuid
            OR current_setting('app.store_id', true) = '*'
      $$`);
    }
    async down(runner) {
        await runner.query(`
      CREATE OR REPLACE FUNCTION app_store_visible(row_store_id uuid) RETURNS boolean
      LANGUAGE plpgsql STABLE AS $$
      DECLARE
        scope text := current_setting('app.store_id', true);
      BEGIN
        IF scope IS NULL OR scope = '' THEN
          RAISE EXCEPTION 'no store scope: tenant-owned tables need app.store_id set in the transaction'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN scope = '*' OR row_store_id = scope::uuid;
      END
      $$`);
    }
}
exports.KitInlinableRowLevelSecurity1763769600005 = KitInlinableRowLevelSecurity1763769600005;
//# sourceMappingURL=inlinable-row-level-security.migration.js.map