import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which payment a status change is about: payments.initiated and its outcome arrive through separate
 * consumers, and an initiated heard of after its payment settled must change nothing.
 */
export class StatusChangePayment1763769611100 implements MigrationInterface {
  name = 'StatusChangePayment1763769611100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE order_status_change ADD COLUMN payment_id uuid`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE order_status_change DROP COLUMN payment_id`);
  }
}
