import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore, stopIsolatingByStore } from '@ultramarket/kit';

/**
 * Refunds by staff (issue 15): orders owns each refund and its lines; payments moves the money. An
 * idempotency key is unique per order, so a retried refundOrder answers the refund it made. The order's
 * payment status gains PARTIALLY_REFUNDED, longer than the 16 characters the column held; `refunded_amount`
 * is what the order's refunds gave back (added once per refund as it succeeds), which analytics subtracts.
 */
export class OrderRefunds1763769640100 implements MigrationInterface {
  name = 'OrderRefunds1763769640100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE customer_order ALTER COLUMN payment_status TYPE varchar(32), ADD COLUMN refunded_amount bigint NOT NULL DEFAULT 0`);
    await runner.query(`
      CREATE TABLE order_refund (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        order_id uuid NOT NULL REFERENCES customer_order(id),
        status varchar(16) NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        shipping_amount bigint NOT NULL DEFAULT 0 CHECK (shipping_amount >= 0),
        currency_code char(3) NOT NULL,
        reason varchar(500) NOT NULL,
        note text NULL,
        idempotency_key varchar(100) NULL,
        failure_reason text NULL,
        attempts integer NOT NULL DEFAULT 1,
        requested_by uuid NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX order_refund_order ON order_refund (order_id, created_at)`);
    await runner.query(`CREATE UNIQUE INDEX order_refund_idempotency ON order_refund (store_id, order_id, idempotency_key) WHERE idempotency_key IS NOT NULL`);
    await runner.query(`
      CREATE TABLE order_refund_line (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        refund_id uuid NOT NULL REFERENCES order_refund(id),
        line_item_id uuid NOT NULL REFERENCES order_line_item(id),
        quantity integer NOT NULL CHECK (quantity > 0),
        amount bigint NOT NULL CHECK (amount >= 0),
        restock boolean NOT NULL,
        location_id uuid NULL
      )`);
    await runner.query(`CREATE INDEX order_refund_line_refund ON order_refund_line (refund_id)`);
    await runner.query(`CREATE INDEX order_refund_line_item ON order_refund_line (line_item_id)`);
    await isolateByStore(runner, 'order_refund');
    await isolateByStore(runner, 'order_refund_line');
  }

  async down(runner: QueryRunner): Promise<void> {
    await stopIsolatingByStore(runner, 'order_refund_line');
    await stopIsolatingByStore(runner, 'order_refund');
    await runner.query(`DROP TABLE order_refund_line`);
    await runner.query(`DROP TABLE order_refund`);
    await runner.query(`ALTER TABLE customer_order ALTER COLUMN payment_status TYPE varchar(16), DROP COLUMN refunded_amount`);
  }
}
