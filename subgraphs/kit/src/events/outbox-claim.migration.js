"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.KitOutboxClaim1763769600004 = void 0;
/**
 * A lease on an unpublished outbox row (`OutboxRelay`'s fallback): the replica that claims a batch
 * owns it until `claimed_until`, without keeping row locks (or a transaction) open across the NATS
 * round trip.
 */
class KitOutboxClaim1763769600004 {
    constructor() {
        this.name = 'KitOutboxClaim1763769600004';
    }
    async up(runner) {
        await runner.query(`ALTER TABLE outbox_event ADD COLUMN claimed_until timestamptz`);
    }
    async down(runner) {
        await runner.query(`ALTER TABLE outbox_event DROP COLUMN claimed_until`);
    }
}
exports.KitOutboxClaim1763769600004 = KitOutboxClaim1763769600004;
//# sourceMappingURL=outbox-claim.migration.js.map