import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore, stopIsolatingByStore } from '@ultramarket/kit';

/**
 * Orders sell variants (issue 13): `variant_snapshot` is orders' read model of every variant catalog
 * lists, next to `product_snapshot` (which keeps the product's part and the version that decides which
 * event wins); order lines snapshot the variant they sold. What exists today carries over as the
 * contract says: a product becomes its one default variant (variant id = product id), and a line
 * already placed sold that default variant.
 */
export class OrderByVariant1763769622000 implements MigrationInterface {
  name = 'OrderByVariant1763769622000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE product_snapshot ADD COLUMN published_at timestamptz NULL`);
    await runner.query(`
      CREATE TABLE variant_snapshot (
        variant_id uuid PRIMARY KEY,
        product_id uuid NOT NULL REFERENCES product_snapshot (product_id),
        store_id uuid NOT NULL,
        title varchar(255) NOT NULL,
        sku varchar(255) NULL,
        selected_options jsonb NOT NULL DEFAULT '[]',
        price_amount bigint NOT NULL,
        currency_code char(3) NOT NULL,
        track_inventory boolean NOT NULL DEFAULT true,
        position integer NOT NULL DEFAULT 0,
        listed boolean NOT NULL DEFAULT true,
        version integer NOT NULL
      )`);
    // placeOrder looks a product's listed variants up by product (a productId item)
    await runner.query(`CREATE INDEX variant_snapshot_product ON variant_snapshot (store_id, product_id) WHERE listed`);
    await isolateByStore(runner, 'variant_snapshot');

    await runner.query(`ALTER TABLE order_line_item ADD COLUMN variant_id uuid, ADD COLUMN variant_title varchar(255),
      ADD COLUMN sku varchar(255) NULL, ADD COLUMN selected_options jsonb NOT NULL DEFAULT '[]'`);
    // every store's rows: row-level security is forced, even for the owner running the migration
    await runner.query(`SELECT set_config('app.store_id', '*', true)`);
    await runner.query(`
      INSERT INTO variant_snapshot (variant_id, product_id, store_id, title, price_amount, currency_code, version)
      SELECT product_id, product_id, store_id, 'Default', price_amount, currency_code, version FROM product_snapshot`);
    await runner.query(`UPDATE order_line_item SET variant_id = product_id, variant_title = 'Default'`);
    await runner.query(`ALTER TABLE order_line_item ALTER COLUMN variant_id SET NOT NULL, ALTER COLUMN variant_title SET NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE order_line_item DROP COLUMN variant_id, DROP COLUMN variant_title, DROP COLUMN sku, DROP COLUMN selected_options`);
    await stopIsolatingByStore(runner, 'variant_snapshot');
    await runner.query(`DROP TABLE variant_snapshot`);
    await runner.query(`ALTER TABLE product_snapshot DROP COLUMN published_at`);
  }
}
