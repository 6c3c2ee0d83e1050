import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore, stopIsolatingByStore } from '@ultramarket/kit';

/**
 * Returns (issue 15 item 2): `order_return` is one return of delivered units of an order, moving REQUESTED →
 * APPROVED | REJECTED → RECEIVED → REFUNDED | CLOSED with who did each step and when; `order_return_line` its units
 * per order line with the shopper's reason and the staff's restock choice. Orders' replica of store settings keeps
 * the store's return window (days after delivery; 0: no returns).
 */
export class OrderReturns1763769650000 implements MigrationInterface {
  name = 'OrderReturns1763769650000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE store_checkout_settings ADD COLUMN return_window_days integer NOT NULL DEFAULT 30 CHECK (return_window_days BETWEEN 0 AND 3650)`,
    );
    await runner.query(`
      CREATE TABLE order_return (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        order_id uuid NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('REQUESTED', 'APPROVED', 'REJECTED', 'RECEIVED', 'REFUNDED', 'CLOSED')),
        customer_note text NULL,
        reject_reason varchar(500) NULL,
        refund_id uuid NULL REFERENCES order_refund (id),
        version integer NOT NULL DEFAULT 1,
        requested_by uuid NULL,
        approved_by uuid NULL,
        approved_at timestamptz(3) NULL,
        rejected_by uuid NULL,
        rejected_at timestamptz(3) NULL,
        received_by uuid NULL,
        received_at timestamptz(3) NULL,
        refund_requested_by uuid NULL,
        refunded_at timestamptz(3) NULL,
        closed_by uuid NULL,
        closed_at timestamptz(3) NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT order_return_order_store FOREIGN KEY (order_id, store_id) REFERENCES customer_order (id, store_id)
      )`);
    await runner.query(`CREATE INDEX order_return_order ON order_return (store_id, order_id, created_at, id)`);
    await runner.query(`CREATE INDEX order_return_store_status ON order_return (store_id, status, created_at, id)`);
    await runner.query(`CREATE INDEX order_return_store_created ON order_return (store_id, created_at, id)`);
    await runner.query(`CREATE UNIQUE INDEX order_return_refund ON order_return (refund_id) WHERE refund_id IS NOT NULL`);
    await isolateByStore(runner, 'order_return');
    await runner.query(`
      CREATE TABLE order_return_line (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        return_id uuid NOT NULL REFERENCES order_return (id),
        line_item_id uuid NOT NULL REFERENCES order_line_item (id),
        quantity integer NOT NULL CHECK (quantity > 0),
        reason varchar(24) NOT NULL,
        note text NULL,
        restock boolean NULL,
        location_id uuid NULL
      )`);
    await runner.query(`CREATE INDEX order_return_line_return ON order_return_line (return_id)`);
    await isolateByStore(runner, 'order_return_line');
  }

  async down(runner: QueryRunner): Promise<void> {
    await stopIsolatingByStore(runner, 'order_return_line');
    await runner.query(`DROP TABLE order_return_line`);
    await stopIsolatingByStore(runner, 'order_return');
    await runner.query(`DROP TABLE order_return`);
    await runner.query(`ALTER TABLE store_checkout_settings DROP COLUMN return_window_days`);
  }
}
