"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SCOPED_BEGIN = exports.PLATFORM_SCOPE = void 0;
exports.isStoreScope = isStoreScope;
exports.scopeOf = scopeOf;
exports.enterScope = enterScope;
exports.inScope = inScope;
exports.storeRequired = storeRequired;
const graphql_errors_1 = require("../errors/graphql-errors");
const role_1 = require("../caller/role");
const ids_1 = require("../graphql/ids");
exports.PLATFORM_SCOPE = '*';
function isStoreScope(value) {
    return value === exports.PLATFORM_SCOPE || (0, ids_1.isUuid)(value);
}
/** The scope a caller's requests run in: their store; all stores for a platform admin without one; none otherwise. */
function scopeOf(caller) {
    if (caller.storeId)
        return caller.storeId;
    if (caller.roles.includes(role_1.Role.PLATFORM_ADMIN))
        return exports.PLATFORM_SCOPE;
    return null;
}
/** Sets the store for the rest of the current transaction (and only that transaction). */
async function enterScope(manager, scope) {
    if (!isStoreScope(scope))
        throw new Error(`Not a store scope: ${String(scope)}`);
    await manager.query(`SELECT set_config('app.store_id', $1, true)`, [scope]);
}
/** How a scoped transaction's first message starts: the statement counter counts it as two statements. */
exports.SCOPED_BEGIN = 'START TRANSACTION; SELECT set_config';
/**
 * Runs `work` in one transaction that sees only `scope`'s rows (with null, no store's rows), as
 * `DataSource.transaction` would, except that the transaction is opened and given its store in one
 * round trip: `START TRANSACTION; SELECT set_config('app.store_id', …, true)` as one simple-protocol
 * message. The scope is a checked uuid or `*`, never caller text, so it can be written into the SQL.
 */
async function inScope(dataSource, scope, work) {
    if (scope !== null && !isStoreScope(scope))
        throw new Error(`Not a store scope: ${String(scope)}`);
    const runner = dataSource.createQueryRunner();
    try {
        await beginScoped(runner, scope);
        const result = await work(runner.manager);
        await runner.commitTransaction();
        return result;
    }
    catch (error) {
        if (runner.isTransactionActive)
            await runner.rollbackTransaction().catch(() => undefined);
        throw error;
    }
    finally {
        await runner.release();
    }
}
/**
 * TypeORM's own `startTransaction` (so its transaction state stays right), with its
 * `START TRANSACTION` sent together with the scope. Should TypeORM ever open the transaction another
 * way, the scope is set by a statement of its own.
 */
async function beginScoped(runner, scope) {
    if (scope === null)
        return runner.startTransaction();
    const query = runner.query.bind(runner);
    let scoped = false;
    const scopedQuery = (sql, ...rest) => {
        if (sql !== 'START TRANSACTION' || scoped)
            return query(sql, ...rest);
        scoped = true;
        return query(`${exports.SCOPED_BEGIN}('app.store_id', '${scope}', true)`);
    };
    runner.query = scopedQuery;
    try {
        await runner.startTransaction();
    }
    finally {
        // back to the prototype's method
        delete runner.query;
    }
    if (!scoped)
        await enterScope(runner.manager, scope);
}
function storeRequired() {
    return (0, graphql_errors_1.badUserInput)('This needs a store: use a token issued for one, or name it with the X-Store-Id header');
}
//# sourceMappingURL=store-scope.js.map