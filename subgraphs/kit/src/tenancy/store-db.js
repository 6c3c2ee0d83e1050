"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.StoreDb = void 0;
const store_scope_1 = require("./store-scope");
/**
 * A request's way to read tenant-owned tables: every read is a transaction scoped to the caller's
 * store, so row-level security hides every other store's rows even if a query forgets its
 * `store_id` condition. Without a store (an anonymous caller who named none) reads are refused.
 */
class StoreDb {
    constructor(dataSource, 
    /** The caller's store, `*` for platform-wide callers, or null. */
    scope) {
        this.dataSource = dataSource;
        this.scope = scope;
    }
    /**
     * The caller's store as a TypeORM `where` condition, on top of row-level security (defence in
     * depth): `{ storeId }`, or nothing in the platform scope. A caller without a store is refused.
     */
    whereStore() {
        if (this.scope === null)
            throw (0, store_scope_1.storeRequired)();
        return this.scope === store_scope_1.PLATFORM_SCOPE ? {} : { storeId: this.scope };
    }
    read(work) {
        if (this.scope === null)
            return Promise.reject((0, store_scope_1.storeRequired)());
        return (0, store_scope_1.inScope)(this.dataSource, this.scope, work);
    }
}
exports.StoreDb = StoreDb;
//# sourceMappingURL=store-db.js.map