import type { MigrationInterface, QueryRunner } from 'typeorm';
import { KitRowLevelSecurity1763769600001 } from '../tenancy/row-level-security';
import { KitStoreStatus1763769600002 } from '../tenancy/store-status.migration';
import { KitEventRetention1763769600003 } from './event-retention.migration';
import { KitOutboxClaim1763769600004 } from './outbox-claim.migration';
import { KitInlinableRowLevelSecurity1763769600005 } from '../tenancy/inlinable-row-level-security.migration';

/**
 * The kit's own tables in every subgraph database: the transactional outbox and the record of
 * events each consumer has handled. Plain SQL, because the kit reads them with plain SQL.
 */
export class KitEventTables1763769600000 implements MigrationInterface {
  name = 'KitEventTables1763769600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE outbox_event (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        subject text NOT NULL,
        envelope jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await runner.query(`CREATE INDEX outbox_event_unpublished ON outbox_event (seq) WHERE published_at IS NULL`);
    await runner.query(`
      CREATE TABLE processed_event (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE processed_event');
    await runner.query('DROP TABLE outbox_event');
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const kitMigrations: Function[] = [
  KitEventTables1763769600000,
  KitRowLevelSecurity1763769600001,
  KitStoreStatus1763769600002,
  KitEventRetention1763769600003,
  KitOutboxClaim1763769600004,
  KitInlinableRowLevelSecurity1763769600005,
];
