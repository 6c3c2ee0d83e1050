import { createHmac, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { loadSigningKeys } from '../../../subgraphs/kit/src/caller/signing-keys';
import { readAuthConfig } from '../../../subgraphs/kit/src/config/kit-config';

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * What an attacker (or a stale client) could present instead of `real`, a token accounts issued:
 * each keeps the real token's claims, so only the flaw named can be why it is refused. The expired
 * one and those for another issuer or audience are signed with the development key the stack
 * trusts, so only the claim is wrong.
 */
export function flawedCopiesOf(real: string): Record<string, string> {
  const decoded = jwt.decode(real, { complete: true });
  if (!decoded || typeof decoded.payload === 'string') throw new Error('not a JWT');
  const { header } = decoded;
  const claims = decoded.payload;
  const [encodedHeader, , signature] = real.split('.');
  const auth = readAuthConfig();
  const trusted = loadSigningKeys(auth, false);
  const signTrusted = (payload: object) => jwt.sign(payload, trusted.privateKeyPem!, { algorithm: 'RS256', keyid: header.kid });
  const now = Math.floor(Date.now() / 1000);
  const hs256Header = base64url({ alg: 'HS256', typ: 'JWT', kid: header.kid });
  const hs256Payload = base64url(claims);
  return {
    'signed by another key': jwt.sign(claims, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, { algorithm: 'RS256', keyid: header.kid }),
    'alg none': `${base64url({ alg: 'none', typ: 'JWT', kid: header.kid })}.${base64url(claims)}.`,
    // the old confusion attack: the public key (which anyone may read) used as an HMAC secret
    'HS256 keyed with the public key': `${hs256Header}.${hs256Payload}.${createHmac('sha256', trusted.publicKeyPem)
      .update(`${hs256Header}.${hs256Payload}`)
      .digest('base64url')}`,
    'tampered payload': `${encodedHeader}.${base64url({ ...claims, roles: ['PLATFORM_ADMIN'] })}.${signature}`,
    expired: signTrusted({ ...claims, iat: now - 3600, exp: now - 60 }),
    'another issuer': signTrusted({ ...claims, iss: `${auth.issuer}-elsewhere` }),
    'another audience': signTrusted({ ...claims, aud: `${auth.audience}-elsewhere` }),
  };
}
