import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore, stopIsolatingByStore } from '@ultramarket/kit';

/**
 * Refunds orders asks for (issue 15): one row per refund of orders, tried with the provider until it
 * succeeds or `PAYMENTS_REFUND_MAX_ATTEMPTS` calls failed (then payments.refund-failed). `order_attempt`
 * is orders' attempt (retryRefund makes another); `tries` the provider calls of this attempt.
 */
export class RefundRequests1763769640200 implements MigrationInterface {
  name = 'RefundRequests1763769640200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE refund_request (
        refund_id uuid PRIMARY KEY,
        store_id uuid NOT NULL,
        order_id uuid NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        currency_code char(3) NOT NULL,
        actor jsonb NULL,
        order_attempt integer NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
        tries integer NOT NULL DEFAULT 0,
        next_try_at timestamptz(3) NOT NULL DEFAULT now(),
        last_error text NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX refund_request_due ON refund_request (next_try_at) WHERE status = 'PENDING'`);
    await runner.query(`ALTER TABLE payment_transaction ADD COLUMN refund_id uuid NULL`);
    await isolateByStore(runner, 'refund_request');
  }

  async down(runner: QueryRunner): Promise<void> {
    await stopIsolatingByStore(runner, 'refund_request');
    await runner.query(`ALTER TABLE payment_transaction DROP COLUMN refund_id`);
    await runner.query(`DROP TABLE refund_request`);
  }
}
