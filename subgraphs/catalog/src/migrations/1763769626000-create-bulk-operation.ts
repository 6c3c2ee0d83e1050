import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore } from '@ultramarket/kit';

/**
 * Bulk import/export jobs. `job_key` is the merchant's idempotency key (one job per key per store);
 * `cursor` is how many products of the file are done (a restarted worker resumes after it); a worker
 * holds a job by its lease (`lease_owner`, `lease_expires_at`), so two replicas never run one job.
 * A file larger than one request may take arrives in parts (`input_parts`); the job is UPLOADING until the last one.
 * `progress_version` numbers its progress events (their `aggregateVersion`: subscribers drop anything not newer).
 * Per-product outcomes and row errors get their own tables: appended per product, read in pages.
 */
export class CreateBulkOperation1763769626000 implements MigrationInterface {
  name = 'CreateBulkOperation1763769626000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE bulk_operation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('IMPORT', 'EXPORT')),
        job_key varchar(255) NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('UPLOADING', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
        dry_run boolean NOT NULL DEFAULT false,
        currency_code char(3) NOT NULL DEFAULT 'USD',
        created_by uuid,
        total_rows integer NOT NULL DEFAULT 0,
        processed_rows integer NOT NULL DEFAULT 0,
        succeeded_rows integer NOT NULL DEFAULT 0,
        failed_rows integer NOT NULL DEFAULT 0,
        total_products integer NOT NULL DEFAULT 0,
        cursor integer NOT NULL DEFAULT 0,
        progress_version integer NOT NULL DEFAULT 0,
        input text,
        input_parts integer NOT NULL DEFAULT 1 CHECK (input_parts BETWEEN 1 AND 100),
        input_parts_received integer NOT NULL DEFAULT 1,
        result text,
        failure varchar(1000),
        lease_owner uuid,
        lease_expires_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        finished_at timestamptz(3),
        CONSTRAINT bulk_operation_store_job_key UNIQUE (store_id, job_key)
      )`);
    await runner.query(`CREATE INDEX bulk_operation_store_created ON bulk_operation (store_id, created_at DESC, id DESC)`);
    await runner.query(`CREATE INDEX bulk_operation_runnable ON bulk_operation (created_at) WHERE status IN ('QUEUED', 'RUNNING')`);
    await isolateByStore(runner, 'bulk_operation');
    await runner.query(`
      CREATE TABLE bulk_operation_error (
        operation_id uuid NOT NULL REFERENCES bulk_operation (id) ON DELETE CASCADE,
        store_id uuid NOT NULL,
        seq serial,
        line integer NOT NULL,
        column_name varchar(64),
        code varchar(64) NOT NULL,
        message varchar(1000) NOT NULL,
        PRIMARY KEY (operation_id, seq)
      )`);
    await isolateByStore(runner, 'bulk_operation_error');
    await runner.query(`
      CREATE TABLE bulk_operation_outcome (
        operation_id uuid NOT NULL REFERENCES bulk_operation (id) ON DELETE CASCADE,
        store_id uuid NOT NULL,
        line integer NOT NULL,
        handle varchar(255) NOT NULL,
        outcome varchar(16) NOT NULL,
        product_id uuid,
        PRIMARY KEY (operation_id, line)
      )`);
    await isolateByStore(runner, 'bulk_operation_outcome');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE bulk_operation_outcome`);
    await runner.query(`DROP TABLE bulk_operation_error`);
    await runner.query(`DROP TABLE bulk_operation`);
  }
}
