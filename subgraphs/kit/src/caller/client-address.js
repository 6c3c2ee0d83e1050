"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.clientAddress = clientAddress;
const node_net_1 = require("node:net");
const gateway_signature_1 = require("../security/gateway-signature");
const trusted_proxies_1 = require("../security/trusted-proxies");
/**
 * The address of the client behind a request to a subgraph: the `X-Client-Address` the gateway set
 * from the socket it accepted (or the proxy it trusts), covered by its signature. Nothing else: the
 * socket is the gateway's, and X-Forwarded-For is whatever the client wrote. Null when the gateway
 * sent none (work of its own, such as a subscription event).
 */
function clientAddress(request) {
    const value = request.headers[gateway_signature_1.CLIENT_ADDRESS_HEADER];
    const address = (0, trusted_proxies_1.unmapped)((Array.isArray(value) ? value[0] : value)?.trim() ?? '');
    return (0, node_net_1.isIP)(address) === 0 ? null : address.slice(0, 64);
}
//# sourceMappingURL=client-address.js.map