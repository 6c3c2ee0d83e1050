import { randomUUID, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { invalidCredentials } from '../errors/graphql-errors';
import type { AuthConfig } from '../config/kit-config';
import type { Caller } from './caller';
import { isRole, STORE_ROLES, type Role } from './role';
import { verificationKeyFor, type SigningKeys } from './signing-keys';

/** RS256 only: RFC 8725 says pin the algorithm so `none` and HS256-with-public-key are refused. */
const ALGORITHM = 'RS256' as const;

export interface AccessTokenClaims {
  sub: string;
  /** Platform roles, plus the role in `storeId` when the user works there. */
  roles: Role[];
  /** The store the token acts for by default. */
  storeId?: string | null;
  /** Every store the user works in, with their role there (`X-Store-Id` picks one of them). */
  stores?: Record<string, Role>;
}

export interface SignOptions {
  /** The session the token belongs to (`sid`): logging out revokes it. */
  sessionId?: string;
  /** Unix seconds; defaults to now (accounts dates a token after a user's revocation mark). */
  issuedAt?: number;
  /** The token id (`jti`); a fresh UUID by default. */
  tokenId?: string;
}

export function signAccessToken(claims: AccessTokenClaims, keys: SigningKeys, auth: AuthConfig, expiresInSeconds = 900, options: SignOptions = {}): string {
  if (!keys.privateKeyPem) throw new Error('No private key configured: this process cannot issue tokens');
  const payload: Record<string, unknown> = {
    roles: claims.roles,
    storeId: claims.storeId ?? null,
    stores: claims.stores ?? membershipsOf(claims.roles, claims.storeId ?? null),
    iat: options.issuedAt ?? Math.floor(Date.now() / 1000),
  };
  if (options.sessionId) payload.sid = options.sessionId;
  return jwt.sign(payload, keys.privateKeyPem, {
    algorithm: ALGORITHM,
    subject: claims.sub,
    issuer: auth.issuer,
    audience: auth.audience,
    expiresIn: expiresInSeconds,
    keyid: keys.keyId,
    jwtid: options.tokenId ?? randomUUID(),
  });
}

/**
 * Verifies a bearer token and returns the caller it names; any flaw is UNAUTHENTICATED. A token these
 * keys verified lately is served from `keys.verifiedTokens` (signature skipped, `exp` still checked);
 * the revocation check is the caller's, after this, on every request either way.
 */
export function verifyAccessToken(token: string, keys: SigningKeys, auth: AuthConfig): Caller {
  const cache = keys.verifiedTokens;
  let key: KeyObject | undefined;
  let payload: jwt.JwtPayload;
  try {
    const header = jwt.decode(token, { complete: true })?.header;
    key = verificationKeyFor(keys, header?.kid);
    if (!key) throw new Error('unknown key id');
    const cached = cache?.get(token, key, auth.issuer, auth.audience);
    if (cached) return cached;
    const clockTimestamp = Math.floor((cache?.now() ?? Date.now()) / 1000);
    const decoded = jwt.verify(token, key, { algorithms: [ALGORITHM], issuer: auth.issuer, audience: auth.audience, complete: true, clockTimestamp });
    payload = decoded.payload as jwt.JwtPayload;
  } catch (error) {
    const reason = error instanceof jwt.TokenExpiredError ? 'Access token expired' : 'Invalid access token';
    throw invalidCredentials(reason);
  }
  const caller = callerOf(token, payload);
  cache?.remember(caller, key, auth.issuer, auth.audience);
  return caller;
}

function callerOf(token: string, payload: jwt.JwtPayload): Caller {
  const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
  if (typeof payload.sub !== 'string' || payload.sub === '') throw invalidCredentials('Invalid access token');
  const storeId = typeof payload.storeId === 'string' ? payload.storeId : null;
  return {
    userId: payload.sub,
    roles,
    storeId,
    memberships: { ...membershipsOf(roles, storeId), ...storeRolesIn(payload.stores) },
    token,
    tokenClaims: {
      tokenId: typeof payload.jti === 'string' ? payload.jti : null,
      sessionId: typeof payload.sid === 'string' ? payload.sid : null,
      issuedAt: payload.iat ?? 0,
      expiresAt: payload.exp ?? 0,
    },
    app: null,
  };
}

/** Reads `Authorization: Bearer …`; no header means an anonymous caller, a malformed one is an error. */
export function bearerToken(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) throw invalidCredentials('Authorization header must be "Bearer <token>"');
  return match[1];
}

/** The membership a token's own store and roles imply (tokens made before `stores` was a claim). */
function membershipsOf(roles: Role[], storeId: string | null): Record<string, Role> {
  const storeRole = roles.find((role) => STORE_ROLES.includes(role));
  return storeId && storeRole ? { [storeId]: storeRole } : {};
}

function storeRolesIn(claim: unknown): Record<string, Role> {
  if (typeof claim !== 'object' || claim === null) return {};
  return Object.fromEntries(Object.entries(claim).filter((entry): entry is [string, Role] => isRole(entry[1]) && STORE_ROLES.includes(entry[1])));
}
