import type { IncomingMessage } from 'node:http';
/**
 * The address of the client behind a request to a subgraph: the `X-Client-Address` the gateway set
 * from the socket it accepted (or the proxy it trusts), covered by its signature. Nothing else: the
 * socket is the gateway's, and X-Forwarded-For is whatever the client wrote. Null when the gateway
 * sent none (work of its own, such as a subscription event).
 */
export declare function clientAddress(request: Pick<IncomingMessage, 'headers'>): string | null;
