import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore } from '@ultramarket/kit';

/**
 * Partial fulfilment (issue 15): each line counts the units shipped and the units cancelled unshipped, the order
 * keeps its fulfilment status and what its cancelled remainder was worth, and `order_fulfilment` records every
 * shipment orders applied (one row per shipment: a redelivered shipment event changes nothing) with its value and
 * when it was delivered. DISPATCHED is replaced by FULFILLED: orders dispatched (or completed) before count
 * every line shipped, and the DISPATCHED ones become FULFILLED (their history keeps the DISPATCHED entry).
 */
export class PartialFulfilment1763769641000 implements MigrationInterface {
  name = 'PartialFulfilment1763769641000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE order_line_item
        ADD COLUMN fulfilled_quantity integer NOT NULL DEFAULT 0,
        ADD COLUMN cancelled_quantity integer NOT NULL DEFAULT 0,
        ADD CONSTRAINT order_line_item_fulfilment_within_quantity CHECK (fulfilled_quantity >= 0 AND cancelled_quantity >= 0
          AND fulfilled_quantity + cancelled_quantity <= quantity)`);
    await runner.query(`
      ALTER TABLE customer_order
        ADD COLUMN fulfillment_status varchar(24) NOT NULL DEFAULT 'UNFULFILLED',
        ADD COLUMN cancelled_remainder_amount bigint NULL`);
    await runner.query(`
      CREATE TABLE order_fulfilment (
        shipment_id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES customer_order (id),
        store_id uuid NOT NULL,
        lines jsonb NOT NULL,
        value_amount bigint NOT NULL,
        refused_reason text NULL,
        delivered_at timestamptz NULL,
        recorded_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX order_fulfilment_order ON order_fulfilment (order_id)`);
    await isolateByStore(runner, 'order_fulfilment');

    // every store's rows: row-level security is forced, even for the owner running the migration
    await runner.query(`SELECT set_config('app.store_id', '*', true)`);
    await runner.query(`UPDATE order_line_item l SET fulfilled_quantity = l.quantity FROM customer_order o
      WHERE o.id = l.order_id AND o.status IN ('DISPATCHED', 'COMPLETED')`);
    await runner.query(`UPDATE customer_order SET fulfillment_status = 'FULFILLED' WHERE status IN ('DISPATCHED', 'COMPLETED')`);
    await runner.query(`UPDATE customer_order SET status = 'FULFILLED', version = version + 1, updated_at = now() WHERE status = 'DISPATCHED'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`SELECT set_config('app.store_id', '*', true)`);
    await runner.query(`UPDATE customer_order SET status = 'DISPATCHED' WHERE status IN ('PARTIALLY_FULFILLED', 'FULFILLED', 'DELIVERED')`);
    await runner.query(`DROP TABLE order_fulfilment`);
    await runner.query(`ALTER TABLE customer_order DROP COLUMN fulfillment_status, DROP COLUMN cancelled_remainder_amount`);
    await runner.query(`ALTER TABLE order_line_item DROP CONSTRAINT order_line_item_fulfilment_within_quantity,
      DROP COLUMN fulfilled_quantity, DROP COLUMN cancelled_quantity`);
  }
}
