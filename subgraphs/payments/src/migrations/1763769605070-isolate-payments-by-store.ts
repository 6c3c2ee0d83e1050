import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore, stopIsolatingByStore } from '@ultramarket/kit';

const TENANT_TABLES = ['order_read_model', 'payment', 'payment_transaction'];

/**
 * Every payments table that holds a store's data belongs to that store: the order read model's
 * store becomes required, transactions get their payment's store_id, and row-level security binds
 * them all. stripe_webhook_event stays platform-wide (see the README).
 */
export class IsolatePaymentsByStore1763769605070 implements MigrationInterface {
  name = 'IsolatePaymentsByStore1763769605070';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      UPDATE order_read_model o SET store_id = p.store_id
        FROM (SELECT DISTINCT ON (order_id) order_id, store_id FROM payment ORDER BY order_id, created_at) p
       WHERE o.store_id IS NULL AND p.order_id = o.order_id`);
    // events of no store never made an order payable (orders.created always names its store): such rows belong to nobody
    await runner.query(`DELETE FROM order_read_model WHERE store_id IS NULL`);
    await runner.query(`ALTER TABLE order_read_model ALTER COLUMN store_id SET NOT NULL`);

    await runner.query(`ALTER TABLE payment ADD CONSTRAINT payment_store UNIQUE (id, store_id)`);
    await runner.query(`ALTER TABLE payment_transaction ADD COLUMN store_id uuid`);
    await runner.query(`UPDATE payment_transaction t SET store_id = p.store_id FROM payment p WHERE p.id = t.payment_id`);
    await runner.query(`ALTER TABLE payment_transaction ALTER COLUMN store_id SET NOT NULL`);
    // a transaction is always of a payment of its own store
    await runner.query(
      `ALTER TABLE payment_transaction ADD CONSTRAINT payment_transaction_payment_store FOREIGN KEY (payment_id, store_id) REFERENCES payment (id, store_id)`,
    );
    for (const table of TENANT_TABLES) await isolateByStore(runner, table);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of TENANT_TABLES) await stopIsolatingByStore(runner, table);
    await runner.query(`ALTER TABLE payment_transaction DROP CONSTRAINT payment_transaction_payment_store`);
    await runner.query(`ALTER TABLE payment_transaction DROP COLUMN store_id`);
    await runner.query(`ALTER TABLE payment DROP CONSTRAINT payment_store`);
    await runner.query(`ALTER TABLE order_read_model ALTER COLUMN store_id DROP NOT NULL`);
  }
}
