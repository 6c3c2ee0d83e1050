import type { AppIdentity } from '../apps/app-identity';
import { Role, STORE_ROLES } from './role';

/** Who is calling: the contract between the gateway and every subgraph. */
export interface Caller {
  userId: string | null;
  roles: Role[];
  /** The store the caller acts for (staff) or shops in (from the token or the X-Store-Id header). */
  storeId: string | null;
  /** The stores the user works in and their role in each (from the token, kept by the stores subgraph). */
  memberships: Readonly<Record<string, Role>>;
  /** The verified bearer token, forwarded as-is so each hop verifies it again. */
  token: string | null;
  /** What the token says of itself: its id (`jti`), session (`sid`), issue and expiry times (unix seconds). */
  tokenClaims: TokenClaims | null;
  /** Set when an app calls with an API key (the gateway verified it): it acts as its store's merchant, within its scopes. */
  app: AppIdentity | null;
}

export interface TokenClaims {
  tokenId: string | null;
  sessionId: string | null;
  issuedAt: number;
  expiresAt: number;
}

export const ANONYMOUS: Caller = Object.freeze({
  userId: null,
  roles: [],
  storeId: null,
  memberships: {},
  token: null,
  tokenClaims: null,
  app: null,
}) as Caller;

export function isAuthenticated(caller: Caller): boolean {
  return caller.userId !== null;
}

export function hasAnyRole(caller: Caller, roles: readonly Role[]): boolean {
  return caller.roles.includes(Role.PLATFORM_ADMIN) || roles.some((role) => caller.roles.includes(role));
}

/** True when the caller may manage the given store's data: its staff, or a platform admin. */
export function managesStore(caller: Caller, storeId: string): boolean {
  if (caller.roles.includes(Role.PLATFORM_ADMIN)) return true;
  return caller.storeId === storeId && STORE_ROLES.some((role) => caller.roles.includes(role));
}

/** The caller an app is: its store's merchant, named by the app's id, limited to its scopes (kit/src/apps). */
export function appCaller(app: AppIdentity): Caller {
  return {
    userId: app.appId,
    roles: [Role.MERCHANT],
    storeId: app.storeId,
    memberships: { [app.storeId]: Role.MERCHANT },
    token: null,
    tokenClaims: null,
    app,
  };
}
