import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Payments' replica of store settings keeps the store's return window too (the kit's replica writes every column it knows; orders reads it). */
export class ReturnWindow1763769650200 implements MigrationInterface {
  name = 'ReturnWindow1763769650200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE store_checkout_settings ADD COLUMN return_window_days integer NOT NULL DEFAULT 30 CHECK (return_window_days BETWEEN 0 AND 3650)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE store_checkout_settings DROP COLUMN return_window_days`);
  }
}
