import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore, stopIsolatingByStore } from '@ultramarket/kit';

const TENANT_TABLES = ['notification', 'notification_read_receipt', 'order_reference', 'email_outbox'];

/**
 * Every notifications row belongs to one store: read receipts get their notification's store, and
 * row-level security keeps every table to the store of the transaction. Account emails
 * (`email_outbox.store_id` null) belong to no store: only platform-wide transactions (the account
 * event handlers, the email dispatcher) see them.
 */
export class IsolateByStore1763769605030 implements MigrationInterface {
  name = 'IsolateByStore1763769605030';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE notification_read_receipt ADD COLUMN store_id uuid`);
    await runner.query(`UPDATE notification_read_receipt r SET store_id = n.store_id FROM notification n WHERE n.id = r.notification_id`);
    await runner.query(`ALTER TABLE notification_read_receipt ALTER COLUMN store_id SET NOT NULL`);
    for (const table of TENANT_TABLES) await isolateByStore(runner, table);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of TENANT_TABLES) await stopIsolatingByStore(runner, table);
    await runner.query(`ALTER TABLE notification_read_receipt DROP COLUMN store_id`);
  }
}
