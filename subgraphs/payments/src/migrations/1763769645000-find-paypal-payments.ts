import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PayPal's webhook names a payment only by its PayPal order id, which is the payment's token (`token:<id>`)
 * before its capture answers and its provider reference after; and a refund only by the refund's id. These
 * indexes keep both look-ups off a scan of every payment.
 */
export class FindPayPalPayments1763769645000 implements MigrationInterface {
  name = 'FindPayPalPayments1763769645000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX payment_paypal_order ON payment (payment_method) WHERE provider = 'paypal'`);
    await runner.query(`CREATE INDEX payment_transaction_refund_reference ON payment_transaction (provider_reference) WHERE type = 'REFUND'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX payment_transaction_refund_reference`);
    await runner.query(`DROP INDEX payment_paypal_order`);
  }
}
