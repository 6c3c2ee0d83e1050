import { acceptsStaffChanges, Role, STORE_ROLES, traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';

/** Postgres' unique_violation: a name another zone or method of the store already has. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
  return code === '23505';
}

/** The store a merchant or staff member acts for, or null (a platform admin must name one). */
export function storeOfCaller(context: SubgraphContext): string | null {
  return context.caller.storeId ?? null;
}

export { traceOf };

/**
 * STORE_UNAVAILABLE when the caller works for the store as its staff and the platform has suspended or closed it:
 * its staff may read its shipments but ship nothing (as orders refuses their order changes).
 */
export async function staffChangeRefusal(context: SubgraphContext, storeId: string): Promise<UserError | null> {
  const { caller } = context;
  if (caller.roles.includes(Role.PLATFORM_ADMIN) || caller.storeId !== storeId || !STORE_ROLES.some((role) => caller.roles.includes(role))) return null;
  const status = await context.storeStatuses.of(storeId);
  if (acceptsStaffChanges(status)) return null;
  return UserError.of('STORE_UNAVAILABLE', `This store is ${status}: its staff can read its shipments but not change them`);
}
