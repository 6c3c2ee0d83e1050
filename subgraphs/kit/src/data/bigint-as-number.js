"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.bigintAsNumber = void 0;
exports.safeIntegerFrom = safeIntegerFrom;
/**
 * A whole number PostgreSQL returned as text (`bigint` columns, `sum(...)`, `count(...)`) as a JS
 * number, exactly: a value beyond `Number.MAX_SAFE_INTEGER` (or not a whole number) throws rather
 * than coming back rounded, since a rounded amount of money is a wrong one.
 */
function safeIntegerFrom(value, what = 'value') {
    const text = String(value).trim();
    if (!/^-?\d+$/.test(text))
        throw new RangeError(`${what} ${text} is not a whole number`);
    const exact = BigInt(text);
    if (exact > BigInt(Number.MAX_SAFE_INTEGER) || exact < BigInt(Number.MIN_SAFE_INTEGER)) {
        throw new RangeError(`${what} ${text} is beyond ${Number.MAX_SAFE_INTEGER}, the largest amount the platform serves exactly`);
    }
    return Number(exact);
}
/**
 * For `bigint` columns that the entity holds as a `number` (money amounts and sums, counters): pg
 * returns bigint as a string so that it loses nothing; this gives it back as a number, exactly, or
 * throws (see `safeIntegerFrom`).
 */
exports.bigintAsNumber = {
    to: (value) => value,
    from: (value) => (value === null || value === undefined ? value : safeIntegerFrom(value, 'bigint column value')),
};
//# sourceMappingURL=bigint-as-number.js.map