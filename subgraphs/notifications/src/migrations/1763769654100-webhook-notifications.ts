import type { MigrationInterface, QueryRunner } from 'typeorm';

const TYPES = `'ORDER', 'PAYMENT', 'DISPATCH', 'STOCK', 'INVITATION'`;

/** WEBHOOK notifications: the store's staff hear that one of its webhook endpoints was disabled (apps.webhook-endpoint-disabled). */
export class WebhookNotifications1763769654100 implements MigrationInterface {
  name = 'WebhookNotifications1763769654100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE notification DROP CONSTRAINT notification_type_check`);
    await runner.query(`ALTER TABLE notification ADD CONSTRAINT notification_type_check CHECK (type IN (${TYPES}, 'WEBHOOK'))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM notification WHERE type = 'WEBHOOK'`);
    await runner.query(`ALTER TABLE notification DROP CONSTRAINT notification_type_check`);
    await runner.query(`ALTER TABLE notification ADD CONSTRAINT notification_type_check CHECK (type IN (${TYPES}))`);
  }
}
