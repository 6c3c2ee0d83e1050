import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Account emails (verification, password reset) belong to no store. */
export class AccountEmails1763769601000 implements MigrationInterface {
  name = 'AccountEmails1763769601000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE email_outbox ALTER COLUMN store_id DROP NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM email_outbox WHERE store_id IS NULL`);
    await runner.query(`ALTER TABLE email_outbox ALTER COLUMN store_id SET NOT NULL`);
  }
}
