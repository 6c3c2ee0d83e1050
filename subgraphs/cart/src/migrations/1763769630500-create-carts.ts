import { isolateByStore } from '@ultramarket/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table here is a store's data: each carries store_id and is isolated by forced row-level security. */
const TABLES = ['cart', 'cart_line', 'catalog_product', 'catalog_variant', 'catalog_collection_member', 'store_pricing_settings'];

export class CreateCarts1763769630500 implements MigrationInterface {
  name = 'CreateCarts1763769630500';

  async up(runner: QueryRunner): Promise<void> {
    // a cart is a guest's (token_hash set: SHA-256 of the secret token) or a customer's (user_id set), never both
    await runner.query(`
      CREATE TABLE cart (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'MERGED')),
        user_id uuid,
        token_hash bytea CHECK (token_hash IS NULL OR octet_length(token_hash) = 32),
        currency_code char(3),
        email varchar(320),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        expires_at timestamptz(3) NOT NULL,
        CHECK ((user_id IS NULL) <> (token_hash IS NULL))
      )`);
    await runner.query(`CREATE UNIQUE INDEX cart_one_open_per_customer ON cart (store_id, user_id) WHERE status = 'OPEN' AND user_id IS NOT NULL`);
    await runner.query(`CREATE INDEX cart_expires ON cart (expires_at)`);

    // one line per variant: adding a variant again adds to its quantity
    await runner.query(`
      CREATE TABLE cart_line (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        cart_id uuid NOT NULL REFERENCES cart (id) ON DELETE CASCADE,
        variant_id uuid NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (cart_id, variant_id)
      )`);

    // the read model of catalog's products and variants, kept from catalog.product-created / -updated
    await runner.query(`
      CREATE TABLE catalog_product (
        product_id uuid PRIMARY KEY,
        store_id uuid NOT NULL,
        title varchar(255) NOT NULL,
        status varchar(16) NOT NULL,
        published_at timestamptz,
        tags text[] NOT NULL DEFAULT '{}',
        vendor varchar(255),
        product_type varchar(255),
        version integer NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE catalog_variant (
        variant_id uuid PRIMARY KEY,
        product_id uuid NOT NULL,
        store_id uuid NOT NULL,
        title varchar(255) NOT NULL,
        sku varchar(255),
        selected_options jsonb NOT NULL DEFAULT '[]',
        price_amount bigint NOT NULL CHECK (price_amount >= 0),
        currency_code char(3) NOT NULL,
        weight_grams integer,
        position integer NOT NULL,
        listed boolean NOT NULL,
        version integer NOT NULL
      )`);
    await runner.query(`CREATE INDEX catalog_variant_product ON catalog_variant (product_id)`);

    // which collections a product is in, from catalog.collection-updated / -deleted (a newer collection version wins)
    await runner.query(`
      CREATE TABLE catalog_collection_member (
        collection_id uuid NOT NULL,
        product_id uuid NOT NULL,
        store_id uuid NOT NULL,
        member boolean NOT NULL,
        version integer NOT NULL,
        PRIMARY KEY (collection_id, product_id)
      )`);
    await runner.query(`CREATE INDEX catalog_collection_member_product ON catalog_collection_member (product_id) WHERE member`);

    // how each store prices, from stores.created / stores.updated
    await runner.query(`
      CREATE TABLE store_pricing_settings (
        store_id uuid PRIMARY KEY,
        currency_code char(3) NOT NULL,
        rounding varchar(16) NOT NULL CHECK (rounding IN ('PER_LINE', 'PER_ORDER')),
        prices_include_tax boolean NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);

    for (const table of TABLES) await isolateByStore(runner, table);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await runner.query(`DROP TABLE ${table}`);
  }
}
