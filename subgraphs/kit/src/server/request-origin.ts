import type { IncomingMessage } from 'node:http';
import { clientAddress } from '../caller/client-address';
import type { RequestOrigin } from '../graphql/subgraph-context';

/**
 * The client's address (`clientAddress`: only the gateway's signed X-Client-Address) and the
 * User-Agent, cut to size.
 */
export function originOf(request: Pick<IncomingMessage, 'headers'>): RequestOrigin {
  const userAgent = request.headers['user-agent'];
  return {
    ipAddress: clientAddress(request),
    userAgent: typeof userAgent === 'string' && userAgent !== '' ? userAgent.slice(0, 512) : null,
  };
}
