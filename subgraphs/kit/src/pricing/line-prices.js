"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.priceLines = priceLines;
/** The first stage of the chain: what each line costs before promotions and tax. */
function priceLines(lines) {
    return lines.map((line) => ({ line, subtotal: BigInt(line.unitPrice) * BigInt(line.quantity) }));
}
//# sourceMappingURL=line-prices.js.map