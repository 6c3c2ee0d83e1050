import { isolateByStore } from '@ultramarket/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table here is a store's data: each carries store_id and is isolated by forced row-level security. */
const TABLES = ['webhook_endpoint', 'webhook_delivery', 'webhook_delivery_attempt'];

export class CreateWebhooks1763769654000 implements MigrationInterface {
  name = 'CreateWebhooks1763769654000';

  async up(runner: QueryRunner): Promise<void> {
    // secrets are sealed (AES-256-GCM under WEBHOOK_SECRET_KEY, bound to the endpoint id): signing needs them in clear
    await runner.query(`
      CREATE TABLE webhook_endpoint (
        id uuid PRIMARY KEY,
        store_id uuid NOT NULL,
        url varchar(2048) NOT NULL,
        description varchar(500) NOT NULL DEFAULT '',
        topics text[] NOT NULL CHECK (cardinality(topics) > 0),
        status varchar(8) NOT NULL DEFAULT 'ENABLED' CHECK (status IN ('ENABLED', 'DISABLED')),
        disabled_reason varchar(500),
        disabled_at timestamptz(3),
        sealed_secret text NOT NULL,
        sealed_previous_secret text,
        previous_secret_expires_at timestamptz(3),
        consecutive_failures integer NOT NULL DEFAULT 0,
        failing_since timestamptz(3),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX webhook_endpoint_store ON webhook_endpoint (store_id, created_at, id)`);

    // one row per event and endpoint (or per redelivery/replay of one); position orders a resource's deliveries
    await runner.query(`
      CREATE TABLE webhook_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        position bigserial NOT NULL,
        store_id uuid NOT NULL,
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        topic varchar(100) NOT NULL,
        resource_id varchar(200) NOT NULL,
        sequence integer NOT NULL,
        occurred_at timestamptz(3) NOT NULL,
        body text NOT NULL,
        status varchar(9) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz(3) DEFAULT now(),
        last_attempt_at timestamptz(3),
        last_response_code integer,
        redelivery_of uuid,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        completed_at timestamptz(3)
      )`);
    // the consumer's records make a redelivered event a no-op; this makes a second copy impossible anyway
    await runner.query(`CREATE UNIQUE INDEX webhook_delivery_once ON webhook_delivery (endpoint_id, event_id) WHERE redelivery_of IS NULL`);
    await runner.query(`CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING'`);
    await runner.query(`CREATE INDEX webhook_delivery_resource ON webhook_delivery (endpoint_id, resource_id, position) WHERE status = 'PENDING'`);
    await runner.query(`CREATE INDEX webhook_delivery_log ON webhook_delivery (store_id, created_at, id)`);
    await runner.query(`CREATE INDEX webhook_delivery_endpoint ON webhook_delivery (endpoint_id, occurred_at)`);

    await runner.query(`
      CREATE TABLE webhook_delivery_attempt (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        delivery_id uuid NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
        attempt_number integer NOT NULL,
        succeeded boolean NOT NULL,
        response_code integer,
        latency_ms integer NOT NULL,
        response_body text,
        error varchar(500),
        attempted_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (delivery_id, attempt_number)
      )`);

    for (const table of TABLES) await isolateByStore(runner, table);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await runner.query(`DROP TABLE ${table}`);
  }
}
