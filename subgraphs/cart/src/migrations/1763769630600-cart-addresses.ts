import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A cart's shipping and billing addresses (CartAddress as JSON): the tax and shipping region of its pricing. */
export class CartAddresses1763769630600 implements MigrationInterface {
  name = 'CartAddresses1763769630600';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE cart ADD COLUMN shipping_address jsonb, ADD COLUMN billing_address jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE cart DROP COLUMN shipping_address, DROP COLUMN billing_address`);
  }
}
