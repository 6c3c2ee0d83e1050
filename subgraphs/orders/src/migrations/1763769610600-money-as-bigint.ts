import type { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS: [table: string, column: string][] = [
  ['customer_order', 'subtotal_amount'],
  ['customer_order', 'shipping_amount'],
  ['customer_order', 'tax_amount'],
  ['customer_order', 'discount_amount'],
  ['customer_order', 'total_amount'],
  ['order_line_item', 'unit_price_amount'],
  ['product_snapshot', 'price_amount'],
];

/** Order amounts are 64-bit: Money.amount is a SafeInt (up to 2^53 − 1), more than an `integer` column holds. */
export class MoneyAsBigint1763769610600 implements MigrationInterface {
  name = 'MoneyAsBigint1763769610600';

  async up(runner: QueryRunner): Promise<void> {
    for (const table of new Set(COLUMNS.map(([name]) => name))) {
      const columns = COLUMNS.filter(([name]) => name === table).map(([, column]) => `ALTER COLUMN ${column} TYPE bigint`);
      await runner.query(`ALTER TABLE ${table} ${columns.join(', ')}`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    // fails, changing nothing, while an amount above 2^31 − 1 exists
    for (const table of new Set(COLUMNS.map(([name]) => name))) {
      const columns = COLUMNS.filter(([name]) => name === table).map(([, column]) => `ALTER COLUMN ${column} TYPE integer`);
      await runner.query(`ALTER TABLE ${table} ${columns.join(', ')}`);
    }
  }
}
