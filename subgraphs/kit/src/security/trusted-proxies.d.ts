import type { IncomingMessage } from 'node:http';
/** The proxies in front of the gateway whose X-Forwarded-For it believes (GATEWAY_TRUSTED_PROXIES). */
export interface TrustedProxies {
    has(address: string): boolean;
}
/**
 * Parses a comma-separated list of addresses and CIDR ranges (`10.0.0.0/8, 127.0.0.1, fd00::/8`);
 * empty trusts no proxy, so only the socket's address counts.
 */
export declare function parseTrustedProxies(list: string | undefined, variable?: string): TrustedProxies;
/**
 * The address of the client a request comes from, as the gateway determines it: the socket's peer;
 * when that peer is a trusted proxy, the hop it reports in X-Forwarded-For, walking right to left past
 * further trusted proxies. Hops a client wrote itself (left of the first untrusted one) never count.
 */
export declare function clientAddressBehind(request: Pick<IncomingMessage, 'headers' | 'socket'>, trusted: TrustedProxies): string | null;
/** `::ffff:203.0.113.7` as `203.0.113.7`: the same client whichever socket family accepted it. */
export declare function unmapped(address: string): string;
