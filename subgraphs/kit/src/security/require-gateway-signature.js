"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireGatewaySignature = requireGatewaySignature;
const error_codes_1 = require("../errors/error-codes");
const gateway_signature_1 = require("./gateway-signature");
const ONLY_THE_GATEWAY = 'this subgraph answers only requests signed by the gateway: send it to the gateway';
const MESSAGES = {
    missing: `No gateway signature: ${ONLY_THE_GATEWAY}`,
    malformed: `The gateway signature is malformed: ${ONLY_THE_GATEWAY}`,
    expired: `The gateway signature is more than five minutes old (or the clocks disagree): ${ONLY_THE_GATEWAY}`,
    mismatch: `The gateway signature does not match this request (another secret, or a changed body or header): ${ONLY_THE_GATEWAY}`,
};
/**
 * The subgraph's `/graphql` gate: a request passes only with a valid X-Gateway-Signature over its raw
 * body, checked before anything is parsed; anything else is 401 UNAUTHENTICATED with the reason.
 */
function requireGatewaySignature(secret, onRefusal) {
    return (request, body) => {
        const reason = (0, gateway_signature_1.verifyGatewaySignature)(secret, { method: request.method ?? 'GET', target: request.url ?? '/', body, headers: request.headers });
        if (reason === undefined)
            return undefined;
        onRefusal?.(reason);
        return { status: 401, code: error_codes_1.ErrorCode.UNAUTHENTICATED, message: MESSAGES[reason] };
    };
}
//# sourceMappingURL=require-gateway-signature.js.map