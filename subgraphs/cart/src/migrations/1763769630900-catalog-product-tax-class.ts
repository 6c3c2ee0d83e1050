import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The catalog view keeps each product's tax class, which picks the tax rules of its cart lines. Products
 * already in the view stay at the standard rate (null) until their next catalog event carries the class.
 */
export class CatalogProductTaxClass1763769630900 implements MigrationInterface {
  name = 'CatalogProductTaxClass1763769630900';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE catalog_product ADD COLUMN tax_class varchar(64)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE catalog_product DROP COLUMN tax_class`);
  }
}
