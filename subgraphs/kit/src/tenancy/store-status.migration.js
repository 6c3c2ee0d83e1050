"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.KitStoreStatus1763769600002 = void 0;
const row_level_security_1 = require("./row-level-security");
/** Each subgraph's copy of every store's status, kept from `stores.created` and `stores.status-changed`. */
class KitStoreStatus1763769600002 {
    constructor() {
        this.name = 'KitStoreStatus1763769600002';
    }
    async up(runner) {
        await runner.query(`
      CREATE TABLE store_status (
        store_id uuid PRIMARY KEY,
        status varchar(16) NOT NULL CHECK (status IN ('ACTIVE', 'PAUSED', 'SUSPENDED', 'CLOSED')),
        version integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
        await (0, row_level_security_1.isolateByStore)(runner, 'store_status');
    }
    async down(runner) {
        await runner.query('DROP TABLE store_status');
    }
}
exports.KitStoreStatus1763769600002 = KitStoreStatus1763769600002;
//# sourceMappingURL=store-status.migration.js.map