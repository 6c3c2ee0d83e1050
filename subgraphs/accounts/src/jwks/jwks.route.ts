import { createPublicKey } from 'node:crypto';
import type { HttpRoute, SigningKeys } from '@ultramarket/kit';

/** The public signing key as a JSON Web Key (RFC 7517): RSA `n` and `e`, found by `kid`. */
export function jwkOf(keys: SigningKeys) {
  const { n, e, kty } = createPublicKey(keys.publicKeyPem).export({ format: 'jwk' });
  return { kty, kid: keys.keyId, use: 'sig', alg: 'RS256', n, e };
}

/**
 * `GET /.well-known/jwks.json`: the keys that verify our access tokens, for verifiers outside the
 * kit (other services, API clients). Public by nature; cached briefly so a rotation shows up soon.
 */
export const jwksRoute: HttpRoute = async (request, response, runtime) => {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: 'method not allowed' }));
    return;
  }
  const body = JSON.stringify({ keys: [jwkOf(runtime.keys)] });
  response.writeHead(200, { 'content-type': 'application/jwk-set+json', 'cache-control': 'public, max-age=300' });
  response.end(request.method === 'HEAD' ? undefined : body);
};
