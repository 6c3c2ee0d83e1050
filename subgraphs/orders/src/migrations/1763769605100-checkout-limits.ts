import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore } from '@ultramarket/kit';

/**
 * What checkout limits need: the client address of guest orders (open unpaid orders are capped per
 * address), the cancellation reason as a code, and each store's checkout settings from stores' events.
 */
export class CheckoutLimits1763769605100 implements MigrationInterface {
  name = 'CheckoutLimits1763769605100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE customer_order ADD COLUMN client_address varchar(64), ADD COLUMN cancel_reason_code varchar(32)`);
    const open = `status IN ('CREATED', 'PAYMENT_PENDING', 'PAYMENT_FAILED')`;
    await runner.query(`CREATE INDEX customer_order_open_by_address ON customer_order (store_id, client_address) WHERE customer_id IS NULL AND ${open}`);
    await runner.query(`CREATE INDEX customer_order_open_by_customer ON customer_order (store_id, customer_id) WHERE customer_id IS NOT NULL AND ${open}`);
    await runner.query(`
      CREATE TABLE store_checkout_settings (
        store_id uuid PRIMARY KEY,
        guest_checkout_enabled boolean NOT NULL,
        require_phone_at_checkout boolean NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await isolateByStore(runner, 'store_checkout_settings');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE store_checkout_settings`);
    await runner.query(`DROP INDEX customer_order_open_by_customer`);
    await runner.query(`DROP INDEX customer_order_open_by_address`);
    await runner.query(`ALTER TABLE customer_order DROP COLUMN cancel_reason_code, DROP COLUMN client_address`);
  }
}
