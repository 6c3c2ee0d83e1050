import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A lease on an unpublished outbox row (`OutboxRelay`'s fallback): the replica that claims a batch
 * owns it until `claimed_until`, without keeping row locks (or a transaction) open across the NATS
 * round trip.
 */
export class KitOutboxClaim1763769600004 implements MigrationInterface {
  name = 'KitOutboxClaim1763769600004';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE outbox_event ADD COLUMN claimed_until timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE outbox_event DROP COLUMN claimed_until`);
  }
}
