import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments that never get stuck: a PENDING payment records how often reconciliation asked the provider
 * about it and when it asks next (exponential backoff); after the last attempt it becomes NEEDS_REVIEW,
 * which still blocks a second payment of the order (money may have moved) until the provider or staff settle it.
 */
export class ReconcilePendingPayments1763769632000 implements MigrationInterface {
  name = 'ReconcilePendingPayments1763769632000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE payment ADD COLUMN reconcile_attempts integer NOT NULL DEFAULT 0 CHECK (reconcile_attempts >= 0)`);
    await runner.query(`ALTER TABLE payment ADD COLUMN next_reconcile_at timestamptz(3)`);
    await runner.query(`ALTER TABLE payment DROP CONSTRAINT payment_status_check`);
    await runner.query(
      `ALTER TABLE payment ADD CONSTRAINT payment_status_check CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED', 'NEEDS_REVIEW'))`,
    );
    await runner.query(`DROP INDEX payment_one_active_per_order`);
    await runner.query(`CREATE UNIQUE INDEX payment_one_active_per_order ON payment (order_id) WHERE status IN ('PENDING', 'SUCCEEDED', 'NEEDS_REVIEW')`);
    // what the reconciliation sweep scans: only the (few) PENDING payments
    await runner.query(`CREATE INDEX payment_pending_reconcile ON payment (created_at) WHERE status = 'PENDING'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    // a payment awaiting review goes back to PENDING: the state that existed before
    await runner.query(`UPDATE payment SET status = 'PENDING' WHERE status = 'NEEDS_REVIEW'`);
    await runner.query(`DROP INDEX payment_pending_reconcile`);
    await runner.query(`DROP INDEX payment_one_active_per_order`);
    await runner.query(`CREATE UNIQUE INDEX payment_one_active_per_order ON payment (order_id) WHERE status IN ('PENDING', 'SUCCEEDED')`);
    await runner.query(`ALTER TABLE payment DROP CONSTRAINT payment_status_check`);
    await runner.query(`ALTER TABLE payment ADD CONSTRAINT payment_status_check CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED'))`);
    await runner.query(`ALTER TABLE payment DROP COLUMN next_reconcile_at`);
    await runner.query(`ALTER TABLE payment DROP COLUMN reconcile_attempts`);
  }
}
