import type { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS: [table: string, column: string][] = [
  ['order_read_model', 'total_amount'],
  ['payment', 'amount'],
  ['payment_transaction', 'amount'],
];

/** Payment amounts are 64-bit: Money.amount is a SafeInt (up to 2^53 − 1), more than an `integer` column holds. */
export class MoneyAsBigint1763769610700 implements MigrationInterface {
  name = 'MoneyAsBigint1763769610700';

  async up(runner: QueryRunner): Promise<void> {
    for (const [table, column] of COLUMNS) await runner.query(`ALTER TABLE ${table} ALTER COLUMN ${column} TYPE bigint`);
  }

  async down(runner: QueryRunner): Promise<void> {
    // fails, changing nothing, while an amount above 2^31 − 1 exists
    for (const [table, column] of COLUMNS) await runner.query(`ALTER TABLE ${table} ALTER COLUMN ${column} TYPE integer`);
  }
}
