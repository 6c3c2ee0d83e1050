import type { GraphQLRequestOptions } from '../server/graphql-http';
import { type SignatureRefusal } from './gateway-signature';
/**
 * The subgraph's `/graphql` gate: a request passes only with a valid X-Gateway-Signature over its raw
 * body, checked before anything is parsed; anything else is 401 UNAUTHENTICATED with the reason.
 */
export declare function requireGatewaySignature(secret: string, onRefusal?: (reason: SignatureRefusal) => void): NonNullable<GraphQLRequestOptions['admit']>;
