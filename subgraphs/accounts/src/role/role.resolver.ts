import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role, type SubgraphContext } from '@ultramarket/kit';
import type { AccountsServices } from '../accounts-services';
import { AssignRoleInput, RevokeRoleInput } from './role.inputs';
import { AssignRolePayload, RevokeRolePayload } from './role.payloads';
import { assignRole, revokeRole } from './role-assignment';

export function roleResolver(services: AccountsServices) {
  @Resolver()
  class RoleResolver {
    @Authorized(Role.PLATFORM_ADMIN)
    @Mutation(() => AssignRolePayload, {
      description: "Gives a user a role (platform admins only); MERCHANT and STORE_STAFF need the store. The user's current access tokens are refused.",
    })
    assignRole(@Arg('input', { description: 'The user, the role and, for store roles, the store.' }) input: AssignRoleInput, @Ctx() context: SubgraphContext) {
      return assignRole(context, services, input);
    }

    @Authorized(Role.PLATFORM_ADMIN)
    @Mutation(() => RevokeRolePayload, {
      description: "Takes a role from a user (platform admins only); the last PLATFORM_ADMIN keeps theirs. The user's current access tokens are refused.",
    })
    revokeRole(@Arg('input', { description: 'The user and the role.' }) input: RevokeRoleInput, @Ctx() context: SubgraphContext) {
      return revokeRole(context, services, input);
    }
  }
  return RoleResolver;
}
