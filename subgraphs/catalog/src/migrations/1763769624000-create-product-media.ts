import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore } from '@ultramarket/kit';

/**
 * Product media: an ordered list of images per product, stored behind catalog's MediaStorage
 * (`storage_key`) or, for images carried over from `product.image_url`, kept at their external
 * address (`external_url`, no stored object). PENDING rows wait for their upload; only READY ones are shown.
 */
export class CreateProductMedia1763769624000 implements MigrationInterface {
  name = 'CreateProductMedia1763769624000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE product_media (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        product_id uuid NOT NULL REFERENCES product (id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 0),
        alt varchar(512) NOT NULL DEFAULT '',
        storage_key varchar(100) UNIQUE,
        external_url text,
        content_type varchar(64),
        byte_size bigint CHECK (byte_size >= 0),
        width integer CHECK (width > 0),
        height integer CHECK (height > 0),
        status varchar(16) NOT NULL CHECK (status IN ('PENDING', 'READY')),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK ((storage_key IS NULL) <> (external_url IS NULL))
      )`);
    await runner.query(`CREATE INDEX product_media_product_position ON product_media (product_id, position)`);
    await runner.query(`CREATE INDEX product_media_store ON product_media (store_id)`);
    await isolateByStore(runner, 'product_media');
    // every store's products are carried over: a platform-wide transaction sees them under row-level security
    await runner.query(`SELECT set_config('app.store_id', '*', true)`);
    await runner.query(`
      INSERT INTO product_media (store_id, product_id, position, alt, external_url, status)
      SELECT store_id, id, 0, left(title, 512), image_url, 'READY' FROM product WHERE image_url IS NOT NULL AND image_url <> ''`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE product_media`);
  }
}
