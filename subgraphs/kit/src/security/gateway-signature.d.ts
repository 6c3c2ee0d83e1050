/**
 * Requests from the gateway to a subgraph carry `X-Gateway-Signature: t=<unix seconds>,v1=<hex>`, an
 * HMAC-SHA256 under the secret the gateway and the subgraphs share (SUBGRAPH_SIGNING_SECRET), in the
 * shape Stripe signs its webhooks with. What it covers: the time, the method, the request target, the
 * body's SHA-256 and the caller headers the gateway vouches for, so a subgraph reached some other way
 * (a published port, a neighbour on the network) refuses the request, and a captured one cannot be
 * re-aimed at another caller, store or operation, nor replayed after five minutes.
 */
export declare const GATEWAY_SIGNATURE_HEADER = "x-gateway-signature";
/** The client's address as the gateway saw it; subgraphs read the address from this header only. */
export declare const CLIENT_ADDRESS_HEADER = "x-client-address";
/** The forwarded headers the signature covers (the app an API key belongs to among them), in this order; an absent header is signed as absent. */
export declare const SIGNED_HEADERS: readonly ["authorization", "x-store-id", "x-client-address", "x-app-caller"];
/** How far a signature's time may be from the subgraph's clock, either way. */
export declare const SIGNATURE_TOLERANCE_SECONDS = 300;
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
export declare function signGatewayRequest(secret: string, parts: SignedParts, now?: number): string;
/**
 * Checks a request's signature: present, well formed, within the tolerance of `now` and made with
 * `secret` over exactly these parts (compared in constant time). Undefined when it holds, else why not.
 */
export declare function verifyGatewaySignature(secret: string, parts: SignedParts, now?: number): SignatureRefusal | undefined;
