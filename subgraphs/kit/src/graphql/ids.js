"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isUuid = isUuid;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * Whether a value is a UUID: every id this platform makes is one, so anything else names nothing and
 * is answered as not found before it reaches SQL (where a uuid cast would fail).
 */
function isUuid(value) {
    return typeof value === 'string' && UUID.test(value);
}
//# sourceMappingURL=ids.js.map