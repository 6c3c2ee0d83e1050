import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Order emails name their order, so emails about one order can be counted (declined-payment emails are capped per order an hour). */
export class EmailOrderId1763769605110 implements MigrationInterface {
  name = 'EmailOrderId1763769605110';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE email_outbox ADD COLUMN order_id uuid`);
    await runner.query(`CREATE INDEX email_outbox_by_order ON email_outbox (order_id, kind, created_at) WHERE order_id IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX email_outbox_by_order`);
    await runner.query(`ALTER TABLE email_outbox DROP COLUMN order_id`);
  }
}
