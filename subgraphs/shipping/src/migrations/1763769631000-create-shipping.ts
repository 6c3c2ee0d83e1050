import { isolateByStore } from '@ultramarket/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table here is a store's data: each carries store_id and is isolated by forced row-level security. */
const TABLES = ['shipping_zone', 'shipping_method'];

export class CreateShipping1763769631000 implements MigrationInterface {
  name = 'CreateShipping1763769631000';

  async up(runner: QueryRunner): Promise<void> {
    // a zone is a list of regions (country, optional province or postal prefix), kept as the kit's ShippingZoneRegion[]
    await runner.query(`
      CREATE TABLE shipping_zone (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        name varchar(100) NOT NULL,
        regions jsonb NOT NULL CHECK (jsonb_typeof(regions) = 'array' AND jsonb_array_length(regions) > 0),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE UNIQUE INDEX shipping_zone_name ON shipping_zone (store_id, lower(name))`);

    // a method's rate is the kit's ShippingRateRule (FLAT, BY_WEIGHT brackets, BY_PRICE bands); a zone with methods cannot be deleted
    await runner.query(`
      CREATE TABLE shipping_method (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        zone_id uuid NOT NULL REFERENCES shipping_zone (id) ON DELETE RESTRICT,
        name varchar(100) NOT NULL,
        currency_code char(3) NOT NULL,
        rate jsonb NOT NULL CHECK (rate->>'kind' IN ('FLAT', 'BY_WEIGHT', 'BY_PRICE')),
        free_over_subtotal bigint CHECK (free_over_subtotal >= 0),
        tax_class varchar(64),
        carrier_code varchar(32) NOT NULL,
        carrier_name varchar(100) NOT NULL,
        tracking_url_template varchar(500),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE UNIQUE INDEX shipping_method_name ON shipping_method (zone_id, lower(name))`);
    await runner.query(`CREATE INDEX shipping_method_store ON shipping_method (store_id, created_at, id)`);

    for (const table of TABLES) await isolateByStore(runner, table);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await runner.query(`DROP TABLE ${table}`);
  }
}
