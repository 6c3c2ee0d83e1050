"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.kitMigrations = exports.KitEventTables1763769600000 = void 0;
const row_level_security_1 = require("../tenancy/row-level-security");
const store_status_migration_1 = require("../tenancy/store-status.migration");
const event_retention_migration_1 = require("./event-retention.migration");
const outbox_claim_migration_1 = require("./outbox-claim.migration");
const inlinable_row_level_security_migration_1 = require("../tenancy/inlinable-row-level-security.migration");
/**
 * The kit's own tables in every subgraph database: the transactional outbox and the record of
 * events each consumer has handled. Plain SQL, because the kit reads them with plain SQL.
 */
class KitEventTables1763769600000 {
    constructor() {
        this.name = 'KitEventTables1763769600000';
    }
    async up(runner) {
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
    async down(runner) {
        await runner.query('DROP TABLE processed_event');
        await runner.query('DROP TABLE outbox_event');
    }
}
exports.KitEventTables1763769600000 = KitEventTables1763769600000;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
exports.kitMigrations = [
    KitEventTables1763769600000,
    row_level_security_1.KitRowLevelSecurity1763769600001,
    store_status_migration_1.KitStoreStatus1763769600002,
    event_retention_migration_1.KitEventRetention1763769600003,
    outbox_claim_migration_1.KitOutboxClaim1763769600004,
    inlinable_row_level_security_migration_1.KitInlinableRowLevelSecurity1763769600005,
];
//# sourceMappingURL=kit-tables.js.map