import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore, stopIsolatingByStore } from '@ultramarket/kit';

/**
 * Manual payment methods (issue 15 item 5): each store's bank transfer, cash on delivery and "other" method, and on
 * every payment how it was made (CARD for all earlier ones), the instructions the shopper was given, and who marked
 * a manual payment paid with which idempotency key (so a repeated markOrderAsPaid is answered, not doubled).
 */
export class ManualPaymentMethods1763769643000 implements MigrationInterface {
  name = 'ManualPaymentMethods1763769643000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE manual_payment_method (
        store_id uuid NOT NULL,
        kind varchar(24) NOT NULL CHECK (kind IN ('BANK_TRANSFER', 'CASH_ON_DELIVERY', 'OTHER')),
        enabled boolean NOT NULL,
        display_name varchar(80) NOT NULL CHECK (length(btrim(display_name)) > 0),
        instructions text NOT NULL CHECK (length(instructions) <= 2000),
        hold_hours integer NOT NULL CHECK (hold_hours BETWEEN 1 AND 720),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (store_id, kind)
      )`);
    await isolateByStore(runner, 'manual_payment_method');
    await runner.query(
      `ALTER TABLE payment ADD COLUMN method varchar(24) NOT NULL DEFAULT 'CARD' CHECK (method IN ('CARD', 'BANK_TRANSFER', 'CASH_ON_DELIVERY', 'OTHER'))`,
    );
    await runner.query(`ALTER TABLE payment ADD COLUMN instructions text`);
    await runner.query(`ALTER TABLE payment ADD COLUMN marked_paid_key varchar(255)`);
    await runner.query(`ALTER TABLE payment ADD COLUMN marked_paid_by text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE payment DROP COLUMN marked_paid_by`);
    await runner.query(`ALTER TABLE payment DROP COLUMN marked_paid_key`);
    await runner.query(`ALTER TABLE payment DROP COLUMN instructions`);
    await runner.query(`ALTER TABLE payment DROP COLUMN method`);
    await stopIsolatingByStore(runner, 'manual_payment_method');
    await runner.query(`DROP TABLE manual_payment_method`);
  }
}
