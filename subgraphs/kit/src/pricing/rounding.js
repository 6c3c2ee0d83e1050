"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.roundingPolicyOf = roundingPolicyOf;
exports.settleByRows = settleByRows;
exports.settleByColumns = settleByColumns;
const apportion_1 = require("./apportion");
const exact_amount_1 = require("./exact-amount");
const perLine = {
    scope: 'PER_LINE',
    roundShare: (amount) => (0, exact_amount_1.exact)((0, exact_amount_1.roundHalfEven)(amount)),
    spread: (amount, weights, rank) => (0, apportion_1.apportion)(amount, (0, apportion_1.proportionalShares)((0, exact_amount_1.exact)(amount), weights), rank).map((part) => (0, exact_amount_1.exact)(part)),
};
const perOrder = {
    scope: 'PER_ORDER',
    roundShare: (amount) => amount,
    spread: (amount, weights) => (0, apportion_1.proportionalShares)((0, exact_amount_1.exact)(amount), weights),
};
function roundingPolicyOf(scope) {
    return scope === 'PER_LINE' ? perLine : perOrder;
}
/**
 * Whole amounts for a table of exact shares (rows: lines or shipping; columns: promotions or taxes).
 * The grand total is rounded once and apportioned to the rows, then each row's whole amount to its cells.
 * Rows never get more than the ceiling of their exact sum, so a row whose exact sum fits under a whole
 * limit (a line's subtotal) still fits. With PER_LINE every share is already whole and nothing moves.
 */
function settleByRows(table, rowRank) {
    const rowSums = table.map((row) => (0, exact_amount_1.sum)(row));
    const rowTotals = (0, apportion_1.apportion)((0, exact_amount_1.roundHalfEven)((0, exact_amount_1.sum)(rowSums)), rowSums, rowRank);
    return table.map((row, index) => (0, apportion_1.apportion)(rowTotals[index], row));
}
/**
 * Whole amounts for a table of exact shares, column by column: each column's total (one tax rule over
 * every line and shipping) is rounded once and apportioned to the rows by largest remainder.
 */
function settleByColumns(table, columnCount, rowRank) {
    const settled = table.map(() => new Array(columnCount).fill(0n));
    for (let column = 0; column < columnCount; column += 1) {
        const shares = table.map((row) => row[column]);
        const parts = (0, apportion_1.apportion)((0, exact_amount_1.roundHalfEven)((0, exact_amount_1.sum)(shares)), shares, rowRank);
        parts.forEach((part, row) => (settled[row][column] = part));
    }
    return settled;
}
//# sourceMappingURL=rounding.js.map