import type { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS: [table: string, column: string][] = [
  ['customer', 'total_spent_amount'],
  ['customer_order', 'total_amount'],
  ['customer_order', 'paid_amount'],
  ['customer_payment', 'amount'],
];

/** Amounts and what a customer spent are 64-bit: Money.amount is a SafeInt (up to 2^53 − 1), more than an `integer` column holds. */
export class MoneyAsBigint1763769610800 implements MigrationInterface {
  name = 'MoneyAsBigint1763769610800';

  async up(runner: QueryRunner): Promise<void> {
    for (const [table, column] of COLUMNS) await runner.query(`ALTER TABLE ${table} ALTER COLUMN ${column} TYPE bigint`);
  }

  async down(runner: QueryRunner): Promise<void> {
    // fails, changing nothing, while an amount above 2^31 − 1 exists
    for (const [table, column] of COLUMNS) await runner.query(`ALTER TABLE ${table} ALTER COLUMN ${column} TYPE integer`);
  }
}
