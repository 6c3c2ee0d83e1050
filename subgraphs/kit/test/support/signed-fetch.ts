import { CLIENT_ADDRESS_HEADER, GATEWAY_SIGNATURE_HEADER, signGatewayRequest } from '../../src/security/gateway-signature';
import { loadSubgraphSigningSecret } from '../../src/security/signing-secret';

let secret: string | undefined;

/**
 * `fetch` as the gateway calls a subgraph, for tests that reach subgraphs directly: signed with the
 * development SUBGRAPH_SIGNING_SECRET (the one the subgraphs under test load), carrying the client
 * address the way a gateway behind a trusted proxy would: the last X-Forwarded-For hop the test wrote,
 * else this machine (127.0.0.1). An explicit X-Client-Address is kept as it is.
 */
export const signedFetch: typeof fetch = (input, init = {}) => {
  if (input instanceof Request) throw new Error('signedFetch takes a URL and init, not a Request');
  const url = new URL(String(input));
  const headers = new Headers(init.headers);
  if (!headers.has(CLIENT_ADDRESS_HEADER)) {
    const lastHop = headers.get('x-forwarded-for')?.split(',').pop()?.trim();
    headers.set(CLIENT_ADDRESS_HEADER, lastHop || '127.0.0.1');
  }
  if (init.body !== undefined && init.body !== null && typeof init.body !== 'string') throw new Error('signedFetch signs string bodies only');
  const signature = signGatewayRequest((secret ??= loadSubgraphSigningSecret()), {
    method: init.method ?? 'GET',
    target: `${url.pathname}${url.search}`,
    body: init.body ?? '',
    headers: Object.fromEntries(headers),
  });
  headers.set(GATEWAY_SIGNATURE_HEADER, signature);
  return fetch(url, { ...init, headers });
};
