import type { AuthConfig } from '../config/kit-config';
import { ANONYMOUS, type Caller } from './caller';
import { bearerToken, verifyAccessToken } from './access-token';
import { Role, STORE_ROLES } from './role';
import type { SigningKeys } from './signing-keys';
import { isUuid } from '../graphql/ids';

/**
 * The caller of one request. The token is verified here, in every process that receives it:
 * a subgraph trusts nothing it cannot verify itself. `X-Store-Id` names the store the request is
 * for: shoppers name the store they browse; staff switch between the stores their token lists
 * (their memberships). Naming a store one does not work in makes one a shopper there: store roles
 * apply only in the stores they were given for.
 */
export function callerFromHeaders(headers: { authorization?: string; storeId?: string }, keys: SigningKeys, auth: AuthConfig): Caller {
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
