import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore } from '@ultramarket/kit';

const STATUSES_BEFORE = `('PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED', 'NEEDS_REVIEW')`;
const STATUSES = `('PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED', 'NEEDS_REVIEW', 'AUTHORIZED', 'PARTIALLY_CAPTURED', 'VOIDED')`;

/**
 * Authorize, then capture (issue 15): a payment remembers how it takes the money (its store's capture mode
 * when it was made), how much of an authorization was captured and when the authorization expires; an
 * authorized or partly captured payment is active (the order cannot be paid twice). Payments keeps the
 * kit's replica of its stores' checkout settings to know their capture mode.
 */
export class AuthorizeThenCapture1763769642000 implements MigrationInterface {
  name = 'AuthorizeThenCapture1763769642000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE payment
        ADD COLUMN capture_mode varchar(16) NOT NULL DEFAULT 'AUTOMATIC' CHECK (capture_mode IN ('AUTOMATIC', 'MANUAL')),
        ADD COLUMN captured_amount bigint NOT NULL DEFAULT 0 CHECK (captured_amount >= 0),
        ADD COLUMN authorization_expires_at timestamptz(3)`);
    await runner.query(`ALTER TABLE payment ADD CONSTRAINT payment_captured_within_amount CHECK (captured_amount <= amount)`);
    await runner.query(`ALTER TABLE payment DROP CONSTRAINT payment_status_check`);
    // PARTIALLY_CAPTURED is 18 characters
    await runner.query(`ALTER TABLE payment ALTER COLUMN status TYPE varchar(20)`);
    await runner.query(`ALTER TABLE payment ADD CONSTRAINT payment_status_check CHECK (status IN ${STATUSES})`);
    await runner.query(`DROP INDEX payment_one_active_per_order`);
    await runner.query(
      `CREATE UNIQUE INDEX payment_one_active_per_order ON payment (order_id) WHERE status IN ('PENDING', 'SUCCEEDED', 'NEEDS_REVIEW', 'AUTHORIZED', 'PARTIALLY_CAPTURED')`,
    );
    // what the expiry sweep scans: only the open authorizations
    await runner.query(`CREATE INDEX payment_open_authorization ON payment (authorization_expires_at) WHERE status IN ('AUTHORIZED', 'PARTIALLY_CAPTURED')`);
    await runner.query(`
      CREATE TABLE store_checkout_settings (
        store_id uuid PRIMARY KEY,
        guest_checkout_enabled boolean NOT NULL,
        require_phone_at_checkout boolean NOT NULL,
        payment_capture_mode varchar(16) NOT NULL DEFAULT 'AUTOMATIC' CHECK (payment_capture_mode IN ('AUTOMATIC', 'MANUAL')),
        version integer NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await isolateByStore(runner, 'store_checkout_settings');
    // a capture asked for twice (a staff retry, a redelivered fulfilment) is made once
    await runner.query(`ALTER TABLE payment_transaction ADD COLUMN idempotency_key varchar(255)`);
    await runner.query(
      `CREATE UNIQUE INDEX payment_transaction_idempotency ON payment_transaction (payment_id, type, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX payment_transaction_idempotency`);
    await runner.query(`ALTER TABLE payment_transaction DROP COLUMN idempotency_key`);
    await runner.query(`DROP TABLE store_checkout_settings`);
    await runner.query(`DROP INDEX payment_open_authorization`);
    // an open authorization was never money taken: it goes back as the PENDING payment it was before capture existed
    await runner.query(`UPDATE payment SET status = 'PENDING' WHERE status IN ('AUTHORIZED', 'PARTIALLY_CAPTURED')`);
    await runner.query(`UPDATE payment SET status = 'FAILED' WHERE status = 'VOIDED'`);
    await runner.query(`DROP INDEX payment_one_active_per_order`);
    await runner.query(`CREATE UNIQUE INDEX payment_one_active_per_order ON payment (order_id) WHERE status IN ('PENDING', 'SUCCEEDED', 'NEEDS_REVIEW')`);
    await runner.query(`ALTER TABLE payment DROP CONSTRAINT payment_status_check`);
    await runner.query(`ALTER TABLE payment ALTER COLUMN status TYPE varchar(16)`);
    await runner.query(`ALTER TABLE payment ADD CONSTRAINT payment_status_check CHECK (status IN ${STATUSES_BEFORE})`);
    await runner.query(`ALTER TABLE payment DROP CONSTRAINT payment_captured_within_amount`);
    await runner.query(`ALTER TABLE payment DROP COLUMN authorization_expires_at, DROP COLUMN captured_amount, DROP COLUMN capture_mode`);
  }
}
