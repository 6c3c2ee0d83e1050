import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stores' pricing settings (issue 14): `pricesIncludeTax` (the new name of `taxesIncluded`, whose value it
 * takes) and `priceRounding` (PER_LINE, where every store rounded until now).
 */
export class StorePricingSettings1763769600023 implements MigrationInterface {
  name = 'StorePricingSettings1763769600023';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `UPDATE store SET settings = settings || jsonb_build_object(
         'pricesIncludeTax', COALESCE((settings ->> 'taxesIncluded')::boolean, false),
         'priceRounding', COALESCE(settings ->> 'priceRounding', 'PER_LINE'))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`UPDATE store SET settings = settings - 'pricesIncludeTax' - 'priceRounding'`);
  }
}
