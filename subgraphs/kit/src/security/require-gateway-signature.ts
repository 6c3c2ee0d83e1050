import { ErrorCode } from '../errors/error-codes';
import type { GraphQLRequestOptions, RequestRefusal } from '../server/graphql-http';
import { verifyGatewaySignature, type SignatureRefusal } from './gateway-signature';

const ONLY_THE_GATEWAY = 'this subgraph answers only requests signed by the gateway: send it to the gateway';

const MESSAGES: Record<SignatureRefusal, string> = {
  missing: `No gateway signature: ${ONLY_THE_GATEWAY}`,
  malformed: `The gateway signature is malformed: ${ONLY_THE_GATEWAY}`,
  expired: `The gateway signature is more than five minutes old (or the clocks disagree): ${ONLY_THE_GATEWAY}`,
  mismatch: `The gateway signature does not match this request (another secret, or a changed body or header): ${ONLY_THE_GATEWAY}`,
};

/**
 * The subgraph's `/graphql` gate: a request passes only with a valid X-Gateway-Signature over its raw
 * body, checked before anything is parsed; anything else is 401 UNAUTHENTICATED with the reason.
 */
export function requireGatewaySignature(secret: string, onRefusal?: (reason: SignatureRefusal) => void): NonNullable<GraphQLRequestOptions['admit']> {
  return (request, body): RequestRefusal | undefined => {
    const reason = verifyGatewaySignature(secret, { method: request.method ?? 'GET', target: request.url ?? '/', body, headers: request.headers });
    if (reason === undefined) return undefined;
    onRefusal?.(reason);
    return { status: 401, code: ErrorCode.UNAUTHENTICATED, message: MESSAGES[reason] };
  };
}
