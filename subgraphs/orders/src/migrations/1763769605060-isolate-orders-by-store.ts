import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore, stopIsolatingByStore } from '@ultramarket/kit';

/** Every orders table belongs to a store: lines and history get the order's store_id, and row-level security binds them all. */
export class IsolateOrdersByStore1763769605060 implements MigrationInterface {
  name = 'IsolateOrdersByStore1763769605060';

  async up(runner: QueryRunner): Promise<void> {
    // an idempotency key is one store's business: another store's key must neither collide nor be revealed
    await runner.query(`ALTER TABLE customer_order DROP CONSTRAINT customer_order_idempotency`);
    await runner.query(`ALTER TABLE customer_order ADD CONSTRAINT customer_order_idempotency UNIQUE (store_id, idempotency_key)`);
    // what a line or a history entry points at must be an order of its own store
    await runner.query(`ALTER TABLE customer_order ADD CONSTRAINT customer_order_store UNIQUE (id, store_id)`);
    await runner.query(`DROP INDEX customer_order_customer_created`);
    await runner.query(`CREATE INDEX customer_order_store_customer_created ON customer_order (store_id, customer_id, created_at, id)`);
    for (const table of ['order_line_item', 'order_status_change']) {
      await runner.query(`ALTER TABLE ${table} ADD COLUMN store_id uuid`);
      await runner.query(`UPDATE ${table} child SET store_id = o.store_id FROM customer_order o WHERE o.id = child.order_id`);
      await runner.query(`ALTER TABLE ${table} ALTER COLUMN store_id SET NOT NULL`);
      await runner.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_order_store FOREIGN KEY (order_id, store_id) REFERENCES customer_order (id, store_id)`);
    }
    for (const table of ['product_snapshot', 'store_order_counter', 'customer_order', 'order_line_item', 'order_status_change']) {
      await isolateByStore(runner, table);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['product_snapshot', 'store_order_counter', 'customer_order', 'order_line_item', 'order_status_change']) {
      await stopIsolatingByStore(runner, table);
    }
    for (const table of ['order_line_item', 'order_status_change']) {
      await runner.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_order_store`);
      await runner.query(`ALTER TABLE ${table} DROP COLUMN store_id`);
    }
    await runner.query(`DROP INDEX customer_order_store_customer_created`);
    await runner.query(`CREATE INDEX customer_order_customer_created ON customer_order (customer_id, created_at, id)`);
    await runner.query(`ALTER TABLE customer_order DROP CONSTRAINT customer_order_store`);
    await runner.query(`ALTER TABLE customer_order DROP CONSTRAINT customer_order_idempotency`);
    await runner.query(`ALTER TABLE customer_order ADD CONSTRAINT customer_order_idempotency UNIQUE (idempotency_key)`);
  }
}
