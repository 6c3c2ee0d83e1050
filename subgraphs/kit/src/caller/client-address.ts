import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { CLIENT_ADDRESS_HEADER } from '../security/gateway-signature';
import { unmapped } from '../security/trusted-proxies';

/**
 * The address of the client behind a request to a subgraph: the `X-Client-Address` the gateway set
 * from the socket it accepted (or the proxy it trusts), covered by its signature. Nothing else: the
 * socket is the gateway's, and X-Forwarded-For is whatever the client wrote. Null when the gateway
 * sent none (work of its own, such as a subscription event).
 */
export function clientAddress(request: Pick<IncomingMessage, 'headers'>): string | null {
  const value = request.headers[CLIENT_ADDRESS_HEADER];
  const address = unmapped((Array.isArray(value) ? value[0] : value)?.trim() ?? '');
  return isIP(address) === 0 ? null : address.slice(0, 64);
}
