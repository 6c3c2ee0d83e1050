import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An account email's body holds a live single-use token (verification, password reset): the outbox keeps
 * it only until the email is sent or given up. The body may now be NULL, and the bodies of account emails
 * already SENT or FAILED are removed.
 */
export class AccountEmailBodies1763769605120 implements MigrationInterface {
  name = 'AccountEmailBodies1763769605120';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE email_outbox ALTER COLUMN text_body DROP NOT NULL`);
    // account emails belong to no store: only a platform-wide transaction sees them under row-level security
    await runner.query(`SELECT set_config('app.store_id', '*', true)`);
    await runner.query(`UPDATE email_outbox SET text_body = NULL WHERE store_id IS NULL AND status IN ('SENT', 'FAILED')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`SELECT set_config('app.store_id', '*', true)`);
    await runner.query(`UPDATE email_outbox SET text_body = '' WHERE text_body IS NULL`);
    await runner.query(`ALTER TABLE email_outbox ALTER COLUMN text_body SET NOT NULL`);
  }
}
