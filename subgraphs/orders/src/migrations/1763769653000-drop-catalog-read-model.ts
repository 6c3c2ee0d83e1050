import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore } from '@ultramarket/kit';

/**
 * Orders no longer follows the catalog: since cart prices checkouts (issue 14) an order is recorded from the
 * checkout's snapshot, which carries every line's product, variant, title and price, so nothing read
 * `product_snapshot` / `variant_snapshot` any more. The tables go with their consumers. `down` brings them back
 * empty, as the variant migration left them (the consumers that filled them are gone from the code).
 */
export class DropCatalogReadModel1763769653000 implements MigrationInterface {
  name = 'DropCatalogReadModel1763769653000';

  async up(runner: QueryRunner): Promise<void> {
    // their row-level security policies go with them
    await runner.query(`DROP TABLE variant_snapshot, product_snapshot`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE product_snapshot (
        product_id uuid PRIMARY KEY,
        store_id uuid NOT NULL,
        title varchar(255) NOT NULL,
        status varchar(16) NOT NULL,
        price_amount bigint NOT NULL,
        currency_code char(3) NOT NULL,
        version integer NOT NULL,
        published_at timestamptz NULL
      )`);
    await isolateByStore(runner, 'product_snapshot');
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
    await runner.query(`CREATE INDEX variant_snapshot_product ON variant_snapshot (store_id, product_id) WHERE listed`);
    await isolateByStore(runner, 'variant_snapshot');
  }
}
