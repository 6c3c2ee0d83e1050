import type { AuthChecker } from 'type-graphql';
import type { SubgraphContext } from '../graphql/subgraph-context';
import type { Role } from './role';
/**
 * `@Authorized()` needs a signed-in caller; `@Authorized(Role.MERCHANT, …)` needs one of the roles
 * (platform admins pass every role check). Store ownership is checked in services, on the row itself.
 */
export declare const roleAuthChecker: AuthChecker<SubgraphContext, Role>;
