import { isolateByStore } from '@ultramarket/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Apps installed in stores and their API keys (only hashes); both a store's data, isolated by forced row-level security. */
export class CreateApps1763769655000 implements MigrationInterface {
  name = 'CreateApps1763769655000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE app (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        name varchar(100) NOT NULL CHECK (length(name) > 0),
        scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
        uninstalled_at timestamptz(3),
        installed_by uuid,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX app_store ON app (store_id, created_at, id) WHERE uninstalled_at IS NULL`);
    await runner.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        app_id uuid NOT NULL REFERENCES app (id),
        key_hash char(64) NOT NULL,
        display_prefix varchar(12) NOT NULL,
        last_used_at timestamptz(3),
        revoked_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    // every request with a key looks it up by its hash (across stores: the key names its store)
    await runner.query(`CREATE UNIQUE INDEX api_key_hash ON api_key (key_hash)`);
    await runner.query(`CREATE INDEX api_key_app ON api_key (app_id, created_at) WHERE revoked_at IS NULL`);
    await isolateByStore(runner, 'app');
    await isolateByStore(runner, 'api_key');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE api_key');
    await runner.query('DROP TABLE app');
  }
}
