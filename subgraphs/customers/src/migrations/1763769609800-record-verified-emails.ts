import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The email each user proved they own (accounts.email-verified): a user is linked to a store's
 * customer only through it. Users belong to the platform, not to a store, so this table has no
 * store_id and no row-level security; it holds no store's data.
 */
export class RecordVerifiedEmails1763769609800 implements MigrationInterface {
  name = 'RecordVerifiedEmails1763769609800';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE verified_user_email (
        user_id uuid PRIMARY KEY,
        email varchar(320) NOT NULL,
        verified_at timestamptz(3) NOT NULL
      )`);
    await runner.query(`CREATE INDEX verified_user_email_email ON verified_user_email (lower(email))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE verified_user_email`);
  }
}
