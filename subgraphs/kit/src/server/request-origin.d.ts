import type { IncomingMessage } from 'node:http';
import type { RequestOrigin } from '../graphql/subgraph-context';
/**
 * The client's address (`clientAddress`: only the gateway's signed X-Client-Address) and the
 * User-Agent, cut to size.
 */
export declare function originOf(request: Pick<IncomingMessage, 'headers'>): RequestOrigin;
