"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.KitRowLevelSecurity1763769600001 = void 0;
exports.isolateByStore = isolateByStore;
exports.stopIsolatingByStore = stopIsolatingByStore;
/**
 * The policy function every tenant-owned table uses: a row is visible when the transaction's
 * `app.store_id` is its store (or `*`). When the transaction set no store the function raises,
 * so a query that forgot its scope fails instead of returning rows.
 */
class KitRowLevelSecurity1763769600001 {
    constructor() {
        this.name = 'KitRowLevelSecurity1763769600001';
    }
    async up(runner) {
        await runner.query(`
      CREATE FUNCTION app_store_visible(row_store_id uuid) RETURNS boolean
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
    async down(runner) {
        await runner.query('DROP FUNCTION app_store_visible(uuid)');
    }
}
exports.KitRowLevelSecurity1763769600001 = KitRowLevelSecurity1763769600001;
/**
 * Row-level security on a tenant-owned table (its `store_id` column): forced, so even the table's
 * owner obeys it, for reads (USING) and writes (WITH CHECK). For subgraph migrations.
 */
async function isolateByStore(runner, table) {
    if (!/^[a-z_][a-z0-9_]*$/.test(table))
        throw new Error(`Not a table name: ${table}`);
    await runner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
    await runner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    await runner.query(`CREATE POLICY store_isolation ON ${table} USING (app_store_visible(store_id)) WITH CHECK (app_store_visible(store_id))`);
}
async function stopIsolatingByStore(runner, table) {
    await runner.query(`DROP POLICY IF EXISTS store_isolation ON ${table}`);
    await runner.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
    await runner.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
}
//# sourceMappingURL=row-level-security.js.map