import { isolateByStore } from '@ultramarket/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-store email templates, the store profile they are rendered with (name, locale, time zone from stores' events),
 * customers' notification preferences, addresses' unsubscribes, and the HTML part and unsubscribe link of queued emails.
 */
export class TemplatesAndPreferences1763769657000 implements MigrationInterface {
  name = 'TemplatesAndPreferences1763769657000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE email_outbox ADD COLUMN html_body text, ADD COLUMN unsubscribe_url text`);

    await runner.query(`
      CREATE TABLE notification_template (
        store_id uuid NOT NULL,
        template_key varchar(64) NOT NULL,
        subject text NOT NULL,
        html_body text NOT NULL,
        text_body text NOT NULL,
        updated_by uuid,
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (store_id, template_key)
      )`);
    await isolateByStore(runner, 'notification_template');

    await runner.query(`
      CREATE TABLE store_profile (
        store_id uuid PRIMARY KEY,
        name varchar(200) NOT NULL,
        locale varchar(35) NOT NULL,
        timezone varchar(64) NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await isolateByStore(runner, 'store_profile');

    await runner.query(`
      CREATE TABLE notification_preference (
        store_id uuid NOT NULL,
        customer_id uuid NOT NULL,
        category varchar(32) NOT NULL,
        channel varchar(16) NOT NULL,
        enabled boolean NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (store_id, customer_id, category, channel)
      )`);
    await isolateByStore(runner, 'notification_preference');

    await runner.query(`
      CREATE TABLE email_opt_out (
        store_id uuid NOT NULL,
        address varchar(320) NOT NULL CHECK (address = lower(address)),
        category varchar(32) NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (store_id, address, category)
      )`);
    await isolateByStore(runner, 'email_opt_out');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE email_opt_out`);
    await runner.query(`DROP TABLE notification_preference`);
    await runner.query(`DROP TABLE store_profile`);
    await runner.query(`DROP TABLE notification_template`);
    await runner.query(`ALTER TABLE email_outbox DROP COLUMN html_body, DROP COLUMN unsubscribe_url`);
  }
}
