import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore } from '@ultramarket/kit';

/**
 * Options and variants: every sellable thing becomes a variant. Each existing product is carried over
 * to one default variant whose id is the product's id, so an id that was a product id before (in
 * inventory rows, order lines, old events) keeps naming something sellable. `product.price_amount`
 * stays and from now on holds the lowest variant price, kept in step by catalog.
 */
export class ProductVariants1763769620100 implements MigrationInterface {
  name = 'ProductVariants1763769620100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE product
        ADD COLUMN tags text[] NOT NULL DEFAULT '{}',
        ADD COLUMN vendor varchar(255),
        ADD COLUMN product_type varchar(255),
        ADD COLUMN seo_title varchar(255),
        ADD COLUMN seo_description text,
        ADD COLUMN published_at timestamptz(3)`);
    await runner.query(`CREATE INDEX product_tags ON product USING gin (tags)`);
    await runner.query(`CREATE INDEX product_store_vendor ON product (store_id, vendor)`);
    await runner.query(`CREATE INDEX product_store_type ON product (store_id, product_type)`);

    await runner.query(`
      CREATE TABLE product_option (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        product_id uuid NOT NULL REFERENCES product (id) ON DELETE CASCADE,
        name varchar(255) NOT NULL,
        position integer NOT NULL,
        values text[] NOT NULL,
        CONSTRAINT product_option_values_bounded CHECK (cardinality(values) BETWEEN 1 AND 100)
      )`);
    await runner.query(`CREATE UNIQUE INDEX product_option_product_name ON product_option (product_id, name)`);

    await runner.query(`
      CREATE TABLE product_variant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        product_id uuid NOT NULL REFERENCES product (id) ON DELETE CASCADE,
        position integer NOT NULL,
        title varchar(255) NOT NULL,
        sku varchar(255),
        barcode varchar(255),
        price_amount bigint NOT NULL CHECK (price_amount >= 0),
        compare_at_amount bigint CHECK (compare_at_amount >= 0),
        currency_code char(3) NOT NULL,
        weight_grams integer CHECK (weight_grams >= 0),
        track_inventory boolean NOT NULL DEFAULT true,
        option_values text[] NOT NULL DEFAULT '{}',
        media_id uuid,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    // the SKU race is settled here: of two concurrent writes of one SKU, the second fails on this index
    await runner.query(`CREATE UNIQUE INDEX product_variant_store_sku ON product_variant (store_id, sku) WHERE sku IS NOT NULL`);
    await runner.query(`CREATE UNIQUE INDEX product_variant_product_options ON product_variant (product_id, option_values)`);
    await runner.query(`CREATE INDEX product_variant_product_position ON product_variant (product_id, position)`);

    await isolateByStore(runner, 'product_option');
    await isolateByStore(runner, 'product_variant');

    // product is under forced row-level security: the carry-over reads every store's rows
    await runner.query(`SELECT set_config('app.store_id', '*', true)`);
    await runner.query(`
      INSERT INTO product_variant (id, store_id, product_id, position, title, price_amount, currency_code, created_at, updated_at)
      SELECT id, store_id, id, 0, 'Default', price_amount, currency_code, created_at, updated_at FROM product`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE product_variant`);
    await runner.query(`DROP TABLE product_option`);
    await runner.query(`DROP INDEX product_store_type`);
    await runner.query(`DROP INDEX product_store_vendor`);
    await runner.query(`DROP INDEX product_tags`);
    await runner.query(`
      ALTER TABLE product
        DROP COLUMN tags, DROP COLUMN vendor, DROP COLUMN product_type,
        DROP COLUMN seo_title, DROP COLUMN seo_description, DROP COLUMN published_at`);
  }
}
