"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.returnedRows = returnedRows;
/**
 * The rows a statement with RETURNING gave back. TypeORM's postgres driver answers an UPDATE or DELETE
 * with `[rows, count]` and anything else with the rows.
 */
async function returnedRows(manager, sql, parameters) {
    const result = await manager.query(sql, parameters);
    if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
        return result[0];
    return result;
}
//# sourceMappingURL=returned-rows.js.map