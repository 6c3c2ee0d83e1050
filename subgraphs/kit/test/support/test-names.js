"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.uniqueSuiteName = uniqueSuiteName;
exports.eventually = eventually;
const node_crypto_1 = require("node:crypto");
/** A fresh name per suite for databases and event namespaces, so suites never see each other. */
function uniqueSuiteName(prefix) {
    return `${prefix}_${Date.now().toString(36)}_${(0, node_crypto_1.randomBytes)(3).toString('hex')}`;
}
/** Polls until `probe` returns a value that is not undefined/null/false, or fails after `timeoutMs`. */
async function eventually(probe, timeoutMs = 10_000, what = 'condition') {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
        try {
            const value = await probe();
            if (value !== undefined && value !== null && value !== false)
                return value;
        }
        catch (error) {
            last = error;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}
//# sourceMappingURL=test-names.js.map