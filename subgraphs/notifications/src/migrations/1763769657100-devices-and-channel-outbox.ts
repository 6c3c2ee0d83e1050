import { isolateByStore } from '@ultramarket/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The phones and push tokens customers registered, and the outbox of SMS and push messages to them. */
export class DevicesAndChannelOutbox1763769657100 implements MigrationInterface {
  name = 'DevicesAndChannelOutbox1763769657100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE notification_device (
        store_id uuid NOT NULL,
        customer_id uuid NOT NULL,
        channel varchar(16) NOT NULL,
        address varchar(512) NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (store_id, customer_id, channel, address)
      )`);
    await isolateByStore(runner, 'notification_device');

    await runner.query(`
      CREATE TABLE channel_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        event_id uuid NOT NULL,
        channel varchar(16) NOT NULL,
        customer_id uuid NOT NULL,
        recipient varchar(512) NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'PENDING',
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz(3) NOT NULL DEFAULT now(),
        last_error text,
        provider_message_id varchar(200),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        sent_at timestamptz(3),
        UNIQUE (event_id, channel, recipient)
      )`);
    await runner.query(`CREATE INDEX channel_outbox_due ON channel_outbox (next_attempt_at) WHERE status = 'PENDING'`);
    await isolateByStore(runner, 'channel_outbox');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE channel_outbox`);
    await runner.query(`DROP TABLE notification_device`);
  }
}
