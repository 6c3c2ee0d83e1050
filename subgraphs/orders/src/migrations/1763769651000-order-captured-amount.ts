import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What payments captured for the order (issue 15), fed by payments.succeeded (a sale, a manual payment marked
 * paid), payments.captured and payments.voided: refunds and cancellations of an authorized order are bounded by
 * it instead of by the order's status. Orders paid before count their total captured.
 */
export class OrderCapturedAmount1763769651000 implements MigrationInterface {
  name = 'OrderCapturedAmount1763769651000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE customer_order ADD COLUMN captured_amount bigint NOT NULL DEFAULT 0 CHECK (captured_amount >= 0)`);
    // every store's rows: row-level security is forced, even for the owner running the migration
    await runner.query(`SELECT set_config('app.store_id', '*', true)`);
    await runner.query(`UPDATE customer_order SET captured_amount = total_amount WHERE payment_status IN ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE customer_order DROP COLUMN captured_amount`);
  }
}
