import { isolateByStore } from '@ultramarket/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A store's tax rules by region and tax class, which the pricing engine matches with a cart's shipping address. */
export class TaxRules1763769630800 implements MigrationInterface {
  name = 'TaxRules1763769630800';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE tax_rule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        title varchar(255) NOT NULL,
        country_code char(2) NOT NULL,
        province_code varchar(3),
        postal_code_prefix varchar(20),
        tax_class varchar(64),
        rate_basis_points integer NOT NULL CHECK (rate_basis_points BETWEEN 0 AND 100000),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX tax_rule_store ON tax_rule (store_id, created_at, id)`);
    await isolateByStore(runner, 'tax_rule');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE tax_rule`);
  }
}
