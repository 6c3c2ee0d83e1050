import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore } from '@ultramarket/kit';

const NEW_TENANT_TABLES = ['location', 'stock_transfer', 'catalog_variant', 'product_stock_version'];

/**
 * Stock per variant and per location (issue 13). Every store gets its default location; today's
 * items (one per product) become the product's default variant (variant id = product id, as catalog
 * keeps it) at that location, and so do the lines of held reservations and the adjustments. New:
 * transfers between locations, catalog's variants as inventory knows them (tracked or not, still
 * listed or not), and a per-product counter that orders the product-wide stock events.
 */
export class StockPerVariantAndLocation1763769621000 implements MigrationInterface {
  name = 'StockPerVariantAndLocation1763769621000';

  async up(runner: QueryRunner): Promise<void> {
    // the rows of every store are carried over: the migration acts platform-wide
    await runner.query(`SELECT set_config('app.store_id', '*', true)`);
    await runner.query(`
      CREATE TABLE location (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        name varchar(255) NOT NULL,
        code varchar(64) NOT NULL,
        address_line1 varchar(255),
        address_line2 varchar(255),
        city varchar(255),
        province varchar(255),
        postal_code varchar(32),
        country_code char(2),
        priority integer NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true,
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT location_code_per_store UNIQUE (store_id, code),
        CONSTRAINT location_of_store UNIQUE (store_id, id)
      )`);
    await runner.query(`CREATE UNIQUE INDEX location_one_default ON location (store_id) WHERE is_default`);
    await runner.query(`
      INSERT INTO location (store_id, name, code, priority, is_default)
      SELECT store_id, 'Default', 'default', 0, true FROM (SELECT store_id FROM inventory_item UNION SELECT store_id FROM reservation_line) AS stores`);

    await runner.query(`ALTER TABLE inventory_item DROP CONSTRAINT inventory_item_product_id_key`);
    await runner.query(`
      ALTER TABLE inventory_item
        ADD COLUMN variant_id uuid,
        ADD COLUMN location_id uuid,
        ADD COLUMN incoming integer NOT NULL DEFAULT 0 CHECK (incoming >= 0)`);
    await runner.query(`
      UPDATE inventory_item i SET variant_id = i.product_id, location_id = l.id
        FROM location l WHERE l.store_id = i.store_id AND l.is_default`);
    await runner.query(`ALTER TABLE inventory_item ALTER COLUMN variant_id SET NOT NULL, ALTER COLUMN location_id SET NOT NULL`);
    // an item's location is of the item's store
    await runner.query(
      `ALTER TABLE inventory_item ADD CONSTRAINT inventory_item_location FOREIGN KEY (store_id, location_id) REFERENCES location (store_id, id)`,
    );
    await runner.query(`CREATE UNIQUE INDEX inventory_item_variant_location ON inventory_item (variant_id, location_id)`);
    await runner.query(`CREATE INDEX inventory_item_product ON inventory_item (store_id, product_id)`);
    await runner.query(`CREATE INDEX inventory_item_location_index ON inventory_item (location_id)`);

    await runner.query(`ALTER TABLE reservation_line ADD COLUMN variant_id uuid, ADD COLUMN location_id uuid`);
    await runner.query(`
      UPDATE reservation_line r SET variant_id = r.product_id, location_id = l.id
        FROM location l WHERE l.store_id = r.store_id AND l.is_default`);
    await runner.query(`ALTER TABLE reservation_line ALTER COLUMN variant_id SET NOT NULL, ALTER COLUMN location_id SET NOT NULL`);
    await runner.query(`ALTER TABLE reservation_line DROP CONSTRAINT reservation_line_pkey`);
    await runner.query(`ALTER TABLE reservation_line ADD PRIMARY KEY (reservation_id, variant_id, location_id)`);

    await runner.query(`
      ALTER TABLE stock_adjustment
        ADD COLUMN variant_id uuid,
        ADD COLUMN location_id uuid,
        ADD COLUMN kind varchar(16) NOT NULL DEFAULT 'ADJUST',
        ADD COLUMN set_to integer`);
    await runner.query(`
      UPDATE stock_adjustment a SET variant_id = a.product_id, location_id = l.id
        FROM location l WHERE l.store_id = a.store_id AND l.is_default`);

    await runner.query(`
      CREATE TABLE stock_transfer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        product_id uuid NOT NULL,
        variant_id uuid NOT NULL,
        from_location_id uuid NOT NULL,
        to_location_id uuid NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        reason varchar(200) NOT NULL,
        idempotency_key varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT stock_transfer_idempotency UNIQUE (store_id, idempotency_key),
        CONSTRAINT stock_transfer_between_two CHECK (from_location_id <> to_location_id)
      )`);

    await runner.query(`
      CREATE TABLE catalog_variant (
        variant_id uuid PRIMARY KEY,
        store_id uuid NOT NULL,
        product_id uuid NOT NULL,
        track_inventory boolean NOT NULL,
        listed boolean NOT NULL,
        product_version integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX catalog_variant_product ON catalog_variant (store_id, product_id)`);

    await runner.query(`
      CREATE TABLE product_stock_version (
        product_id uuid PRIMARY KEY,
        store_id uuid NOT NULL,
        version integer NOT NULL
      )`);
    // stock events were versioned by the product's one item: the product's counter goes on from there, so a
    // subscriber resuming with a version seen before the change is not refused the events after it
    await runner.query(`INSERT INTO product_stock_version (product_id, store_id, version) SELECT product_id, store_id, version FROM inventory_item`);
    for (const table of NEW_TENANT_TABLES) await isolateByStore(runner, table);
  }

  async down(): Promise<void> {
    throw new Error('Stock per variant and location cannot be folded back into one row per product');
  }
}
