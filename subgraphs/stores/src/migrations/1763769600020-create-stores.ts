import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore } from '@ultramarket/kit';

/**
 * `store` is the platform's directory of tenants: it is looked up by slug or domain before any store
 * is known and listed across stores, so it has no row-level security; its queries are scoped in
 * code. `store_staff` belongs to one store each and is isolated by row-level security.
 */
export class CreateStores1763769600020 implements MigrationInterface {
  name = 'CreateStores1763769600020';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE store (
        id uuid PRIMARY KEY,
        owner_id uuid NOT NULL,
        name varchar(100) NOT NULL,
        slug varchar(63) NOT NULL,
        domain varchar(253) NOT NULL,
        custom_domain varchar(253),
        email varchar(254) NOT NULL,
        phone varchar(16),
        currency char(3) NOT NULL,
        locale varchar(35) NOT NULL,
        timezone varchar(64) NOT NULL,
        settings jsonb NOT NULL,
        theme jsonb NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('ACTIVE', 'PAUSED', 'SUSPENDED', 'CLOSED')),
        status_reason varchar(500),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    // the slug is the arbiter of createStore's INSERT … ON CONFLICT (slug) DO NOTHING; the platform
    // domain is derived from it, so it needs no unique index of its own
    await runner.query(`CREATE UNIQUE INDEX store_slug ON store (slug)`);
    await runner.query(`CREATE INDEX store_domain ON store (lower(domain))`);
    await runner.query(`CREATE UNIQUE INDEX store_custom_domain ON store (lower(custom_domain)) WHERE custom_domain IS NOT NULL`);
    await runner.query(`CREATE INDEX store_created ON store (created_at, id)`);
    await runner.query(`
      CREATE TABLE store_staff (
        store_id uuid NOT NULL REFERENCES store (id) ON DELETE CASCADE,
        user_id uuid NOT NULL,
        role varchar(16) NOT NULL CHECK (role IN ('MERCHANT', 'STORE_STAFF')),
        added_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (store_id, user_id)
      )`);
    await runner.query(`CREATE INDEX store_staff_user ON store_staff (user_id)`);
    await isolateByStore(runner, 'store_staff');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE store_staff`);
    await runner.query(`DROP TABLE store`);
  }
}
