import type { MigrationInterface, QueryRunner } from 'typeorm';

const TYPES = `'ORDER', 'PAYMENT', 'DISPATCH', 'STOCK'`;

/**
 * Invitations to a store's staff (stores.staff-invited): an INVITATION notification for an invited
 * user, and an index to count a store's invitation emails of the last day (they are capped per store).
 */
export class StaffInvitations1763769605200 implements MigrationInterface {
  name = 'StaffInvitations1763769605200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE notification DROP CONSTRAINT notification_type_check`);
    await runner.query(`ALTER TABLE notification ADD CONSTRAINT notification_type_check CHECK (type IN (${TYPES}, 'INVITATION'))`);
    await runner.query(`CREATE INDEX email_outbox_by_store ON email_outbox (store_id, kind, created_at) WHERE store_id IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX email_outbox_by_store`);
    await runner.query(`DELETE FROM notification WHERE type = 'INVITATION'`);
    await runner.query(`ALTER TABLE notification DROP CONSTRAINT notification_type_check`);
    await runner.query(`ALTER TABLE notification ADD CONSTRAINT notification_type_check CHECK (type IN (${TYPES}))`);
  }
}
