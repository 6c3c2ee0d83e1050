import type { MigrationInterface, QueryRunner } from 'typeorm';
/**
 * A lease on an unpublished outbox row (`OutboxRelay`'s fallback): the replica that claims a batch
 * owns it until `claimed_until`, without keeping row locks (or a transaction) open across the NATS
 * round trip.
 */
export declare class KitOutboxClaim1763769600004 implements MigrationInterface {
    name: string;
    up(runner: QueryRunner): Promise<void>;
    down(runner: QueryRunner): Promise<void>;
}
