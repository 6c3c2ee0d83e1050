import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A customer's tax exemption, set by the store's staff: whether the pricing engine charges them tax, and the
 * document it rests on (a resale or exemption certificate number). A reference is kept only with an exemption.
 */
export class CustomerTaxExemption1763769631800 implements MigrationInterface {
  name = 'CustomerTaxExemption1763769631800';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE customer ADD COLUMN tax_exempt boolean NOT NULL DEFAULT false`);
    await runner.query(`ALTER TABLE customer ADD COLUMN tax_exemption_reference varchar(100)`);
    await runner.query(`ALTER TABLE customer ADD CONSTRAINT customer_tax_exemption_reference CHECK (tax_exempt OR tax_exemption_reference IS NULL)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE customer DROP COLUMN tax_exemption_reference`);
    await runner.query(`ALTER TABLE customer DROP COLUMN tax_exempt`);
  }
}
