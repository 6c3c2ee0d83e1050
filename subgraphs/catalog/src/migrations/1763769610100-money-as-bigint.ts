import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Prices are 64-bit: Money.amount is a SafeInt (up to 2^53 − 1), more than an `integer` column holds. */
export class MoneyAsBigint1763769610100 implements MigrationInterface {
  name = 'MoneyAsBigint1763769610100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE product ALTER COLUMN price_amount TYPE bigint`);
  }

  async down(runner: QueryRunner): Promise<void> {
    // fails, changing nothing, while a price above 2^31 − 1 exists
    await runner.query(`ALTER TABLE product ALTER COLUMN price_amount TYPE integer`);
  }
}
