import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Orders' replica of store settings keeps the store's payment capture mode too (the kit's replica writes every column it knows). */
export class PaymentCaptureMode1763769642100 implements MigrationInterface {
  name = 'PaymentCaptureMode1763769642100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE store_checkout_settings ADD COLUMN payment_capture_mode varchar(16) NOT NULL DEFAULT 'AUTOMATIC' CHECK (payment_capture_mode IN ('AUTOMATIC', 'MANUAL'))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE store_checkout_settings DROP COLUMN payment_capture_mode`);
  }
}
