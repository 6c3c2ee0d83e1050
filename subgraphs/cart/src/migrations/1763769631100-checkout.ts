import { isolateByStore } from '@ultramarket/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['store_checkout_settings', 'variant_stock_view', 'promotion_order_usage'];

/**
 * Checkout: a cart's note, contact phone, reviewed total, idempotency key and the order it became (CHECKED_OUT,
 * or a one-off BUY_NOW cart of placeOrder); each line's unit price when it was added (PRICE_CHANGED at review);
 * the stores' checkout settings and the variants' stock as cart last heard them; and which promotions each
 * order used, so their use is given back once when the order is refused or cancelled.
 */
export class Checkout1763769631100 implements MigrationInterface {
  name = 'Checkout1763769631100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE cart DROP CONSTRAINT cart_status_check`);
    await runner.query(`ALTER TABLE cart ADD CONSTRAINT cart_status_check CHECK (status IN ('OPEN', 'MERGED', 'CHECKED_OUT', 'BUY_NOW'))`);
    await runner.query(`
      ALTER TABLE cart
        ADD COLUMN note varchar(1000),
        ADD COLUMN phone varchar(32),
        ADD COLUMN reviewed_total_amount bigint,
        ADD COLUMN reviewed_at timestamptz(3),
        ADD COLUMN idempotency_key varchar(255),
        ADD COLUMN order_id uuid,
        ADD COLUMN checked_out_by uuid,
        ADD COLUMN checked_out_at timestamptz(3)`);
    // one checkout per key in a store: a replay finds its cart (and order) by it
    await runner.query(`CREATE UNIQUE INDEX cart_idempotency_key ON cart (store_id, idempotency_key) WHERE idempotency_key IS NOT NULL`);
    await runner.query(`CREATE UNIQUE INDEX cart_order ON cart (order_id) WHERE order_id IS NOT NULL`);
    await runner.query(`ALTER TABLE cart_line ADD COLUMN added_unit_price_amount bigint, ADD COLUMN added_currency_code char(3)`);

    await runner.query(`
      CREATE TABLE store_checkout_settings (
        store_id uuid PRIMARY KEY,
        guest_checkout_enabled boolean NOT NULL,
        require_phone_at_checkout boolean NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    // a tracked variant's units available at active locations (inventory.stock-changed); an untracked one has no row
    await runner.query(`
      CREATE TABLE variant_stock_view (
        variant_id uuid PRIMARY KEY,
        store_id uuid NOT NULL,
        product_id uuid NOT NULL,
        available integer NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE promotion_order_usage (
        order_id uuid NOT NULL,
        promotion_id uuid NOT NULL REFERENCES promotion (id) ON DELETE CASCADE,
        store_id uuid NOT NULL,
        customer_id uuid,
        counted_at timestamptz(3) NOT NULL DEFAULT now(),
        given_back_at timestamptz(3),
        PRIMARY KEY (order_id, promotion_id)
      )`);
    for (const table of TABLES) await isolateByStore(runner, table);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await runner.query(`DROP TABLE ${table}`);
    await runner.query(`ALTER TABLE cart_line DROP COLUMN added_unit_price_amount, DROP COLUMN added_currency_code`);
    await runner.query(`DROP INDEX cart_order`);
    await runner.query(`DROP INDEX cart_idempotency_key`);
    await runner.query(
      `ALTER TABLE cart DROP COLUMN note, DROP COLUMN phone, DROP COLUMN reviewed_total_amount, DROP COLUMN reviewed_at, DROP COLUMN idempotency_key,
         DROP COLUMN order_id, DROP COLUMN checked_out_by, DROP COLUMN checked_out_at`,
    );
    await runner.query(`ALTER TABLE cart DROP CONSTRAINT cart_status_check`);
    await runner.query(`ALTER TABLE cart ADD CONSTRAINT cart_status_check CHECK (status IN ('OPEN', 'MERGED'))`);
  }
}
