import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore, stopIsolatingByStore } from '@ultramarket/kit';

/**
 * Staff search orders (issue 15 item 7) and read who did what to them (item 9). Every search filter has an
 * index that starts with store_id, and compares with leakproof operators only: row-level security keeps a
 * non-leakproof condition (lower(), LIKE, array && / @>) out of index scans, so the email is matched on a
 * stored lower-case copy and tags live in their own table (a semi-join on (store_id, tag)) rather than in an
 * array column with a GIN index the policy would leave unused. `order_audit_entry` is the history of actions.
 */
export class OrderSearchAndAudit1763769644000 implements MigrationInterface {
  name = 'OrderSearchAndAudit1763769644000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE customer_order ADD COLUMN email_lower varchar(320) GENERATED ALWAYS AS (lower(email)) STORED`);
    await runner.query(`CREATE INDEX customer_order_store_email ON customer_order (store_id, email_lower, created_at, id)`);
    await runner.query(`CREATE INDEX customer_order_store_status ON customer_order (store_id, status, created_at, id)`);
    await runner.query(`CREATE INDEX customer_order_store_payment_status ON customer_order (store_id, payment_status, created_at, id)`);
    await runner.query(`CREATE INDEX customer_order_store_total ON customer_order (store_id, total_amount, id)`);
    await runner.query(`CREATE INDEX customer_order_store_updated ON customer_order (store_id, updated_at, id)`);
    // number and number prefix: the unique (store_id, number); created range and sort: (store_id, created_at, id);
    // customer: (store_id, customer_id, created_at, id)
    await runner.query(`
      CREATE TABLE order_tag (
        store_id uuid NOT NULL,
        order_id uuid NOT NULL,
        tag varchar(40) NOT NULL,
        PRIMARY KEY (store_id, tag, order_id),
        CONSTRAINT order_tag_order_store FOREIGN KEY (order_id, store_id) REFERENCES customer_order (id, store_id)
      )`);
    await runner.query(`CREATE INDEX order_tag_order ON order_tag (order_id, tag)`);
    await isolateByStore(runner, 'order_tag');
    await runner.query(`
      CREATE TABLE order_audit_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        order_id uuid NOT NULL,
        actor_kind varchar(16) NOT NULL,
        actor_user_id uuid NULL,
        action varchar(48) NOT NULL,
        summary text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz(3) NOT NULL DEFAULT now(),
        event_id uuid NULL,
        CONSTRAINT order_audit_entry_order_store FOREIGN KEY (order_id, store_id) REFERENCES customer_order (id, store_id),
        CONSTRAINT order_audit_entry_event UNIQUE (event_id)
      )`);
    await runner.query(`CREATE INDEX order_audit_entry_order ON order_audit_entry (store_id, order_id, occurred_at, id)`);
    await isolateByStore(runner, 'order_audit_entry');
  }

  async down(runner: QueryRunner): Promise<void> {
    await stopIsolatingByStore(runner, 'order_audit_entry');
    await runner.query(`DROP TABLE order_audit_entry`);
    await stopIsolatingByStore(runner, 'order_tag');
    await runner.query(`DROP TABLE order_tag`);
    for (const index of ['store_email', 'store_status', 'store_payment_status', 'store_total', 'store_updated']) {
      await runner.query(`DROP INDEX customer_order_${index}`);
    }
    await runner.query(`ALTER TABLE customer_order DROP COLUMN email_lower`);
  }
}
