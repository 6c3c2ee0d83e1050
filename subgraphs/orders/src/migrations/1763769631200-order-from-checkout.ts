import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore, stopIsolatingByStore } from '@ultramarket/kit';

/**
 * Orders record what cart priced (issue 14): the order keeps the checkout's cart, billing address,
 * note, tax lines, applied discounts and shipping line (their amounts as the engine computed them), and
 * each line its discount and tax. A checkout without a shipping address (nothing to ship) is an order
 * without one. `checkout_refusal` remembers the checkouts orders refused, so a refusal is final for
 * its order id.
 */
export class OrderFromCheckout1763769631200 implements MigrationInterface {
  name = 'OrderFromCheckout1763769631200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE customer_order
        ADD COLUMN cart_id uuid NULL,
        ADD COLUMN billing_address jsonb NULL,
        ADD COLUMN note text NULL,
        ADD COLUMN prices_include_tax boolean NOT NULL DEFAULT false,
        ADD COLUMN tax_lines jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN discount_applications jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN shipping_line jsonb NULL,
        ALTER COLUMN shipping_address DROP NOT NULL`);
    await runner.query(`
      ALTER TABLE order_line_item
        ADD COLUMN discount_amount bigint NOT NULL DEFAULT 0,
        ADD COLUMN tax_amount bigint NOT NULL DEFAULT 0,
        ADD COLUMN total_amount bigint NULL,
        ADD COLUMN discounts jsonb NOT NULL DEFAULT '[]'`);
    await runner.query(`
      CREATE TABLE checkout_refusal (
        order_id uuid PRIMARY KEY,
        store_id uuid NOT NULL,
        cart_id uuid NOT NULL,
        code varchar(64) NOT NULL,
        message text NOT NULL,
        field jsonb NULL,
        refused_at timestamptz NOT NULL DEFAULT now()
      )`);
    await isolateByStore(runner, 'checkout_refusal');
  }

  async down(runner: QueryRunner): Promise<void> {
    await stopIsolatingByStore(runner, 'checkout_refusal');
    await runner.query(`DROP TABLE checkout_refusal`);
    await runner.query(`ALTER TABLE order_line_item DROP COLUMN discount_amount, DROP COLUMN tax_amount, DROP COLUMN total_amount, DROP COLUMN discounts`);
    await runner.query(`
      ALTER TABLE customer_order DROP COLUMN cart_id, DROP COLUMN billing_address, DROP COLUMN note, DROP COLUMN prices_include_tax,
        DROP COLUMN tax_lines, DROP COLUMN discount_applications, DROP COLUMN shipping_line`);
  }
}
