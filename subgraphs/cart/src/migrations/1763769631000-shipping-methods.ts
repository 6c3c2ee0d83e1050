import { isolateByStore } from '@ultramarket/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cart's read model of the stores' shipping methods (the kit's ShippingMethodRates as JSON, from shipping's
 * events) and the rate a cart's shopper chose. A deleted method keeps its row (method null) and version, so a
 * late update cannot bring it back.
 */
export class ShippingMethods1763769631000 implements MigrationInterface {
  name = 'ShippingMethods1763769631000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE shipping_method_view (
        method_id uuid PRIMARY KEY,
        store_id uuid NOT NULL,
        method jsonb,
        version integer NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX shipping_method_view_store ON shipping_method_view (store_id) WHERE method IS NOT NULL`);
    await isolateByStore(runner, 'shipping_method_view');
    await runner.query(`ALTER TABLE cart ADD COLUMN shipping_rate_id varchar(64)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE cart DROP COLUMN shipping_rate_id`);
    await runner.query(`DROP TABLE shipping_method_view`);
  }
}
