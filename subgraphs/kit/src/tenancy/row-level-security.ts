import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The policy function every tenant-owned table uses: a row is visible when the transaction's
 * `app.store_id` is its store (or `*`). When the transaction set no store the function raises,
 * so a query that forgot its scope fails instead of returning rows.
 */
export class KitRowLevelSecurity1763769600001 implements MigrationInterface {
  name = 'KitRowLevelSecurity1763769600001';

  async up(runner: QueryRunner): Promise<void> {
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

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP FUNCTION app_store_visible(uuid)');
  }
}

/**
 * Row-level security on a tenant-owned table (its `store_id` column): forced, so even the table's
 * owner obeys it, for reads (USING) and writes (WITH CHECK). For subgraph migrations.
 */
export async function isolateByStore(runner: QueryRunner, table: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`Not a table name: ${table}`);
  await runner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await runner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  await runner.query(`CREATE POLICY store_isolation ON ${table} USING (app_store_visible(store_id)) WITH CHECK (app_store_visible(store_id))`);
}

export async function stopIsolatingByStore(runner: QueryRunner, table: string): Promise<void> {
  await runner.query(`DROP POLICY IF EXISTS store_isolation ON ${table}`);
  await runner.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
  await runner.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
}
