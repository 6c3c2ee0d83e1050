import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { APP_CALLER_HEADER } from '../apps/app-identity';

/**
 * Requests from the gateway to a subgraph carry `X-Gateway-Signature: t=<unix seconds>,v1=<hex>`, an
 * HMAC-SHA256 under the secret the gateway and the subgraphs share (SUBGRAPH_SIGNING_SECRET), in the
 * shape Stripe signs its webhooks with. What it covers: the time, the method, the request target, the
 * body's SHA-256 and the caller headers the gateway vouches for, so a subgraph reached some other way
 * (a published port, a neighbour on the network) refuses the request, and a captured one cannot be
 * re-aimed at another caller, store or operation, nor replayed after five minutes.
 */
export const GATEWAY_SIGNATURE_HEADER = 'x-gateway-signature';
/** The client's address as the gateway saw it; subgraphs read the address from this header only. */
export const CLIENT_ADDRESS_HEADER = 'x-client-address';
/** The forwarded headers the signature covers (the app an API key belongs to among them), in this order; an absent header is signed as absent. */
export const SIGNED_HEADERS = ['authorization', 'x-store-id', CLIENT_ADDRESS_HEADER, APP_CALLER_HEADER] as const;
/** How far a signature's time may be from the subgraph's clock, either way. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export interface SignedParts {
  method: string;
  /** Path and query string, as sent on the request line (`/graphql`). */
  target: string;
  body: string | Buffer;
  /** Header names in any case; a repeated header as its array of values. */
  headers: Record<string, string | string[] | undefined>;
}

export type SignatureRefusal = 'missing' | 'malformed' | 'expired' | 'mismatch';

/** The `X-Gateway-Signature` value for a request, signed at `now` (milliseconds). */
export function signGatewayRequest(secret: string, parts: SignedParts, now: number = Date.now()): string {
  const timestamp = Math.floor(now / 1000);
  return `t=${timestamp},v1=${digest(secret, timestamp, parts)}`;
}

/**
 * Checks a request's signature: present, well formed, within the tolerance of `now` and made with
 * `secret` over exactly these parts (compared in constant time). Undefined when it holds, else why not.
 */
export function verifyGatewaySignature(secret: string, parts: SignedParts, now: number = Date.now()): SignatureRefusal | undefined {
  const header = lowerCased(parts.headers)[GATEWAY_SIGNATURE_HEADER];
  if (header === undefined || header === '') return 'missing';
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header.trim());
  if (!match) return 'malformed';
  const timestamp = Number(match[1]);
  if (Math.abs(now / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return 'expired';
  const expected = Buffer.from(digest(secret, timestamp, parts), 'hex');
  return timingSafeEqual(expected, Buffer.from(match[2], 'hex')) ? undefined : 'mismatch';
}

function digest(secret: string, timestamp: number, parts: SignedParts): string {
  const headers = lowerCased(parts.headers);
  const bodyHash = createHash('sha256').update(parts.body).digest('hex');
  // JSON keeps an absent header apart from an empty one and a value from its neighbours
  const signedHeaders = JSON.stringify(SIGNED_HEADERS.map((name) => headers[name] ?? null));
  return createHmac('sha256', secret).update(`${timestamp}.${parts.method.toUpperCase()}.${parts.target}.${bodyHash}.${signedHeaders}`).digest('hex');
}

function lowerCased(headers: SignedParts['headers']): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const name in headers) {
    const value = headers[name];
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}
