import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Abandoned-cart emails are counted per address a day (cart.abandoned's handler): an index makes that a lookup. */
export class EmailRecipientIndex1763769631700 implements MigrationInterface {
  name = 'EmailRecipientIndex1763769631700';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX email_outbox_recipient ON email_outbox (lower(recipient), kind, created_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX email_outbox_recipient`);
  }
}
