import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stores each user works in, kept from the stores subgraph's staff events and put into access
 * tokens. Accounts is platform-level (a user belongs to no store), so no row-level security here.
 * A removal keeps the row with `role` NULL (a tombstone with its version), so a staff-added event
 * older than the removal that arrives after it changes nothing.
 */
export class CreateStoreMembership1763769600011 implements MigrationInterface {
  name = 'CreateStoreMembership1763769600011';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE store_membership (
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        store_id uuid NOT NULL,
        role varchar(16) CHECK (role IN ('MERCHANT', 'STORE_STAFF')),
        version integer NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, store_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE store_membership`);
  }
}
