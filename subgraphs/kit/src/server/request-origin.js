"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.originOf = originOf;
const client_address_1 = require("../caller/client-address");
/**
 * The client's address (`clientAddress`: only the gateway's signed X-Client-Address) and the
 * User-Agent, cut to size.
 */
function originOf(request) {
    const userAgent = request.headers['user-agent'];
    return {
        ipAddress: (0, client_address_1.clientAddress)(request),
        userAgent: typeof userAgent === 'string' && userAgent !== '' ? userAgent.slice(0, 512) : null,
    };
}
//# sourceMappingURL=request-origin.js.map