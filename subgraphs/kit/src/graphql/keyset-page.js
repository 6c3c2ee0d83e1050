"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.decodeKeysetCursor = decodeKeysetCursor;
exports.keysetPage = keysetPage;
exports.byCreatedAt = byCreatedAt;
const graphql_errors_1 = require("../errors/graphql-errors");
const connection_1 = require("./connection");
const ids_1 = require("./ids");
const fitsType = {
    timestamptz: (value) => typeof value === 'string' && !Number.isNaN(Date.parse(value)),
    integer: (value) => Number.isSafeInteger(value) && Math.abs(value) <= 2_147_483_647,
    // money amounts and sums: served as SafeInt, so a cursor holds a safe integer
    bigint: (value) => Number.isSafeInteger(value),
    varchar: (value) => typeof value === 'string',
};
/**
 * A cursor this API made for a column of `type`: anything else (a forged or stale cursor) is
 * BAD_USER_INPUT here rather than a failed cast in SQL.
 */
function decodeKeysetCursor(cursor, type, argument = 'after') {
    const [value, id] = (0, connection_1.decodeCursor)(cursor, argument);
    if (!(0, ids_1.isUuid)(id) || !fitsType[type](value)) {
        throw (0, graphql_errors_1.badUserInput)(`${argument} is not a valid cursor`, [{ field: [argument], message: 'is not a cursor returned by this API' }]);
    }
    return [value, id];
}
/**
 * One keyset-paginated page of `query` (already filtered): the optional COUNT of every match, then
 * `limit + 1` rows after the cursor in (sort column, id) order, as a Relay connection.
 */
async function keysetPage(query, options) {
    const { sort, limit } = options;
    const backward = options.backward ?? false;
    const idColumn = options.idColumn ?? `${query.alias}.id`;
    const idOf = options.idOf ?? ((row) => row.id);
    const given = backward ? options.before : options.after;
    const cursor = given ? decodeKeysetCursor(given, sort.type, backward ? 'before' : 'after') : null;
    const totalCount = options.countTotal ? await query.clone().getCount() : 0;
    // a backward page is read from its cursor toward the start of the list, then turned round
    const scanDescending = options.descending !== backward;
    const direction = scanDescending ? 'DESC' : 'ASC';
    if (cursor) {
        const comparison = scanDescending ? '<' : '>';
        query.andWhere(`(${sort.column}, ${idColumn}) ${comparison} (CAST(:keysetValue AS ${sort.type}), CAST(:keysetId AS uuid))`, {
            keysetValue: cursor[0],
            keysetId: cursor[1],
        });
    }
    const rows = await query
        .orderBy(sort.column, direction)
        .addOrderBy(idColumn, direction)
        .limit(limit + 1)
        .getMany();
    const cursorOf = (row) => (0, connection_1.encodeCursor)(sort.valueOf(row), idOf(row));
    if (!backward)
        return (0, connection_1.toConnection)(rows, limit, totalCount, cursor !== null, cursorOf);
    const page = (0, connection_1.toConnection)(rows.slice(0, limit).reverse(), limit, totalCount, rows.length > limit, cursorOf);
    page.pageInfo.hasNextPage = cursor !== null;
    return page;
}
/** Ordering by `<alias>.created_at`, the usual "newest first" of a list. */
function byCreatedAt(alias) {
    return { column: `${alias}.created_at`, type: 'timestamptz', valueOf: (row) => row.createdAt.toISOString() };
}
//# sourceMappingURL=keyset-page.js.map