import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { RequestOrigin } from '../graphql/subgraph-context';

/**
 * The client's address: the last X-Forwarded-For hop, which the gateway appends from the socket it
 * accepted (earlier hops come from the client and could be forged), else this request's socket;
 * and the User-Agent, both cut to size.
 */
export function originOf(request: Pick<IncomingMessage, 'headers' | 'socket'>): RequestOrigin {
  const forwarded = request.headers['x-forwarded-for'];
  const lastHop = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)?.split(',').pop()?.trim();
  const address = lastHop && isIP(lastHop) ? lastHop : (request.socket?.remoteAddress ?? null);
  const userAgent = request.headers['user-agent'];
  return {
    ipAddress: address ? address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '').slice(0, 64) : null,
    userAgent: typeof userAgent === 'string' && userAgent !== '' ? userAgent.slice(0, 512) : null,
  };
}
