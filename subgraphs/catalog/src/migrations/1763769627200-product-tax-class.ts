import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A product's tax class picks the tax rules that apply to it; existing products keep the standard rate (null). */
export class ProductTaxClass1763769627200 implements MigrationInterface {
  name = 'ProductTaxClass1763769627200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE product ADD COLUMN tax_class varchar(64)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE product DROP COLUMN tax_class`);
  }
}
