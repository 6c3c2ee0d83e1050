"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseTrustedProxies = parseTrustedProxies;
exports.clientAddressBehind = clientAddressBehind;
exports.unmapped = unmapped;
const node_net_1 = require("node:net");
const env_reader_1 = require("../config/env-reader");
/**
 * Parses a comma-separated list of addresses and CIDR ranges (`10.0.0.0/8, 127.0.0.1, fd00::/8`);
 * empty trusts no proxy, so only the socket's address counts.
 */
function parseTrustedProxies(list, variable = 'GATEWAY_TRUSTED_PROXIES') {
    const blocks = new node_net_1.BlockList();
    let any = false;
    for (const entry of (list ?? '')
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)) {
        const [address, prefix, extra] = entry.split('/');
        const family = (0, node_net_1.isIP)(address);
        const bits = prefix === undefined ? undefined : Number(prefix);
        if (family === 0 || extra !== undefined || (bits !== undefined && (!/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128)))) {
            throw new env_reader_1.ConfigError(variable, `must list IP addresses or CIDR ranges separated by commas, got "${entry}"`);
        }
        const type = family === 4 ? 'ipv4' : 'ipv6';
        if (bits === undefined)
            blocks.addAddress(address, type);
        else
            blocks.addSubnet(address, bits, type);
        any = true;
    }
    return {
        has(address) {
            if (!any)
                return false;
            const plain = unmapped(address);
            const family = (0, node_net_1.isIP)(plain);
            return family !== 0 && blocks.check(plain, family === 4 ? 'ipv4' : 'ipv6');
        },
    };
}
/**
 * The address of the client a request comes from, as the gateway determines it: the socket's peer;
 * when that peer is a trusted proxy, the hop it reports in X-Forwarded-For, walking right to left past
 * further trusted proxies. Hops a client wrote itself (left of the first untrusted one) never count.
 */
function clientAddressBehind(request, trusted) {
    let address = request.socket?.remoteAddress ? unmapped(request.socket.remoteAddress) : null;
    if (address === null || !trusted.has(address))
        return address;
    const forwarded = request.headers['x-forwarded-for'];
    const hops = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').map((hop) => hop.trim());
    for (let i = hops.length - 1; i >= 0 && address !== null && trusted.has(address); i -= 1) {
        const hop = unmapped(hops[i]);
        if ((0, node_net_1.isIP)(hop) === 0)
            break;
        address = hop;
    }
    return address;
}
/** `::ffff:203.0.113.7` as `203.0.113.7`: the same client whichever socket family accepted it. */
function unmapped(address) {
    return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
}
//# sourceMappingURL=trusted-proxies.js.map