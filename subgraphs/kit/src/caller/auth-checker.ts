import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../errors/graphql-errors';
import type { SubgraphContext } from '../graphql/subgraph-context';
import { hasAnyRole, isAuthenticated } from './caller';
import type { Role } from './role';

/**
 * `@Authorized()` needs a signed-in caller; `@Authorized(Role.MERCHANT, …)` needs one of the roles
 * (platform admins pass every role check). Store ownership is checked in services, on the row itself.
 */
export const roleAuthChecker: AuthChecker<SubgraphContext, Role> = ({ context }, roles) => {
  if (!isAuthenticated(context.caller)) throw unauthenticated();
  if (roles.length > 0 && !hasAnyRole(context.caller, roles)) throw forbidden();
  return true;
};
