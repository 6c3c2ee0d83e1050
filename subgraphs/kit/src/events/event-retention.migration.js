"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.KitEventRetention1763769600003 = void 0;
/**
 * Indexes the pruner deletes by (`EventPruner`): published outbox rows by publication time, handled
 * events by handling time. Without them every prune would scan both tables whole.
 */
class KitEventRetention1763769600003 {
    constructor() {
        this.name = 'KitEventRetention1763769600003';
    }
    async up(runner) {
        await runner.query(`CREATE INDEX outbox_event_published ON outbox_event (published_at) WHERE published_at IS NOT NULL`);
        await runner.query(`CREATE INDEX processed_event_processed_at ON processed_event (processed_at)`);
    }
    async down(runner) {
        await runner.query('DROP INDEX processed_event_processed_at');
        await runner.query('DROP INDEX outbox_event_published');
    }
}
exports.KitEventRetention1763769600003 = KitEventRetention1763769600003;
//# sourceMappingURL=event-retention.migration.js.map