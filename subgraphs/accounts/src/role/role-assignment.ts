import { Role, STORE_ROLES, traceOf, type SubgraphContext } from '@ultramarket/kit';
import type { AccountsServices } from '../accounts-services';
import { AccountErrors } from '../shared/account-errors';
import { denyAccessTokensIssuedUntilNow } from '../session/token-revocation';
import { User } from '../user/user.entity';
import type { AssignRoleInput, RevokeRoleInput } from './role.inputs';
import { AssignRolePayload, RevokeRolePayload } from './role.payloads';

const isStoreRole = (role: Role) => STORE_ROLES.includes(role);

/**
 * Gives a user a role (platform admins only). MERCHANT and STORE_STAFF act for one store (memberships
 * in several stores come with the stores subgraph). The user's access tokens are refused from now on
 * so the change applies at once; their refresh tokens keep working and carry the new roles.
 */
export async function assignRole(context: SubgraphContext, services: AccountsServices, input: AssignRoleInput): Promise<AssignRolePayload> {
  if (isStoreRole(input.role) && !input.storeId) return AssignRolePayload.failed(AccountErrors.storeRequired());
  const user = await context.unitOfWork.run(traceOf(context), async (tx) => {
    const users = tx.manager.getRepository(User);
    const user = await users.findOne({ where: { id: input.userId }, lock: { mode: 'pessimistic_write' } });
    if (!user) return null;
    if (!user.roles.includes(input.role)) user.roles = [...user.roles, input.role];
    if (isStoreRole(input.role)) user.storeId = input.storeId!;
    return users.save(user);
  });
  if (!user) return AssignRolePayload.failed(AccountErrors.userNotFound());
  await denyAccessTokensIssuedUntilNow(services.redis, user.id);
  return AssignRolePayload.ok(user);
}

/** Takes a role away; the platform always keeps one PLATFORM_ADMIN. Without a store role, the store goes too. */
export async function revokeRole(context: SubgraphContext, services: AccountsServices, input: RevokeRoleInput): Promise<RevokeRolePayload> {
  const outcome = await context.unitOfWork.run(traceOf(context), async (tx) => {
    const users = tx.manager.getRepository(User);
    if (input.role === Role.PLATFORM_ADMIN) {
      // serializes concurrent revocations of the last admins
      await tx.manager.query(`SELECT pg_advisory_xact_lock(4001, 1)`);
    }
    const user = await users.findOne({ where: { id: input.userId }, lock: { mode: 'pessimistic_write' } });
    if (!user) return RevokeRolePayload.failed(AccountErrors.userNotFound());
    if (!user.roles.includes(input.role)) return RevokeRolePayload.ok(user);
    if (input.role === Role.PLATFORM_ADMIN) {
      const [{ admins }] = await tx.manager.query(`SELECT count(*)::int AS admins FROM app_user WHERE 'PLATFORM_ADMIN' = ANY(roles)`);
      if (admins <= 1) return RevokeRolePayload.failed(AccountErrors.lastPlatformAdmin());
    }
    user.roles = user.roles.filter((role) => role !== input.role);
    if (!user.roles.some(isStoreRole)) user.storeId = null;
    return RevokeRolePayload.ok(await users.save(user));
  });
  if (outcome.user) await denyAccessTokensIssuedUntilNow(services.redis, outcome.user.id);
  return outcome;
}
