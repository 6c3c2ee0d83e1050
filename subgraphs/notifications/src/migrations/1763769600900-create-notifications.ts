import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateNotifications1763769600900 implements MigrationInterface {
  name = 'CreateNotifications1763769600900';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- null: a store-wide notification for the store's staff
        user_id uuid,
        store_id uuid NOT NULL,
        type varchar(16) NOT NULL CHECK (type IN ('ORDER', 'PAYMENT', 'DISPATCH', 'STOCK')),
        title varchar(200) NOT NULL,
        message text NOT NULL,
        order_id uuid,
        -- the event that caused it
        event_id uuid NOT NULL,
        -- two events that mean the same thing to the reader (a status change to DISPATCHED and
        -- orders.dispatched) share a key, so they make one notification whatever order they arrive in
        dedupe_key varchar(200) UNIQUE,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX notification_user_created ON notification (user_id, created_at DESC, id DESC) WHERE user_id IS NOT NULL`);
    await runner.query(`CREATE INDEX notification_store_wide_created ON notification (store_id, created_at DESC, id DESC) WHERE user_id IS NULL`);
    // read state is per reader: one member of staff reading a store-wide alert leaves it unread for the others
    await runner.query(`
      CREATE TABLE notification_read_receipt (
        user_id uuid NOT NULL,
        notification_id uuid NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
        read_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, notification_id)
      )`);
    // what order events taught us: the order number (payment events carry none) and the newest status
    // change seen, so a status change that arrives after a later one is recognised as stale
    await runner.query(`
      CREATE TABLE order_reference (
        order_id uuid PRIMARY KEY,
        store_id uuid NOT NULL,
        order_number varchar(50) NOT NULL,
        status_version integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // written in the same transaction as the notification, sent by the email dispatcher after commit
    await runner.query(`
      CREATE TABLE email_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        event_id uuid NOT NULL,
        kind varchar(40) NOT NULL,
        recipient varchar(320) NOT NULL,
        subject varchar(300) NOT NULL,
        text_body text NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        smtp_message_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT email_outbox_once_per_event UNIQUE (event_id, kind)
      )`);
    await runner.query(`CREATE INDEX email_outbox_due ON email_outbox (next_attempt_at) WHERE status = 'PENDING'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE email_outbox`);
    await runner.query(`DROP TABLE order_reference`);
    await runner.query(`DROP TABLE notification_read_receipt`);
    await runner.query(`DROP TABLE notification`);
  }
}
