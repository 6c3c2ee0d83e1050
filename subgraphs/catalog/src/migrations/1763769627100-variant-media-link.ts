import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A variant's image is one of its product's media rows: `product_variant.media_id` now refers to
 * `product_media`, and a deleted image leaves the variants that showed it without one (SET NULL)
 * rather than pointing at nothing. Ids that point at no image today (none are written without one)
 * are cleared first so the constraint can be added.
 */
export class VariantMediaLink1763769627100 implements MigrationInterface {
  name = 'VariantMediaLink1763769627100';

  async up(runner: QueryRunner): Promise<void> {
    // every store's variants: a platform-wide transaction sees them under row-level security
    await runner.query(`SELECT set_config('app.store_id', '*', true)`);
    await runner.query(
      `UPDATE product_variant v SET media_id = NULL WHERE media_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM product_media m WHERE m.id = v.media_id)`,
    );
    await runner.query(
      `ALTER TABLE product_variant ADD CONSTRAINT product_variant_media FOREIGN KEY (media_id) REFERENCES product_media (id) ON DELETE SET NULL`,
    );
    await runner.query(`CREATE INDEX product_variant_media_id ON product_variant (media_id) WHERE media_id IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX product_variant_media_id`);
    await runner.query(`ALTER TABLE product_variant DROP CONSTRAINT product_variant_media`);
  }
}
