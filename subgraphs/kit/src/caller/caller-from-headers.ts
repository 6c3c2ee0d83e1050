import type { AuthConfig } from '../config/kit-config';
import { ANONYMOUS, appCaller, type Caller } from './caller';
import { parseAppCallerHeader } from '../apps/app-identity';
import { invalidCredentials } from '../errors/graphql-errors';
import { bearerToken, verifyAccessToken } from './access-token';
import { Role, STORE_ROLES } from './role';
import type { SigningKeys } from './signing-keys';
import { isUuid } from '../graphql/ids';

/**
 * The caller of one request. The token is verified here, in every process that receives it:
 * a subgraph trusts nothing it cannot verify itself. `X-Store-Id` names the store the request is
 * for: shoppers name the store they browse; staff switch between the stores their token lists
 * (their memberships). Naming a store one does not work in makes one a shopper there: store roles
 * apply only in the stores they were given for. `X-App-Caller` (set and signed by the gateway only, after it
 * verified an API key) makes the caller that app, in its own store whatever `X-Store-Id` says.
 */
export function callerFromHeaders(headers: { authorization?: string; storeId?: string; app?: string }, keys: SigningKeys, auth: AuthConfig): Caller {
  if (headers.app !== undefined) {
    const app = parseAppCallerHeader(headers.app);
    if (!app) throw invalidCredentials('Malformed app caller');
    return appCaller(app);
  }
  const token = bearerToken(headers.authorization);
  const caller = token ? verifyAccessToken(token, keys, auth) : { ...ANONYMOUS };
  const requested = isUuid(headers.storeId) ? headers.storeId.toLowerCase() : null;
  return requested ? inStore(caller, requested) : caller;
}

/** The caller acting in `storeId`: with their role there if they work there, as a shopper otherwise. */
export function inStore(caller: Caller, storeId: string): Caller {
  if (caller.storeId === storeId || caller.userId === null) return { ...caller, storeId };
  const platformRoles = caller.roles.filter((role) => !STORE_ROLES.includes(role));
  const membership = caller.memberships[storeId];
  if (membership) return { ...caller, storeId, roles: [...platformRoles, membership] };
  return { ...caller, storeId, roles: platformRoles.length > 0 ? platformRoles : [Role.CUSTOMER] };
}
