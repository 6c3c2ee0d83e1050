import { acceptsStaffChanges, Role, UserError, type SubgraphContext } from '@ultramarket/kit';

/**
 * The store whose stock (or locations) the caller changes, or why they may not: no store named
 * (STORE_REQUIRED), or a store the platform SUSPENDED or CLOSED, whose staff may read but not change
 * it (STORE_UNAVAILABLE; platform admins still may).
 */
export async function staffStore(context: SubgraphContext, what: string): Promise<{ storeId: string } | { error: UserError }> {
  const storeId = context.caller.storeId;
  if (!storeId) return { error: UserError.of('STORE_REQUIRED', `Act for a store to change its ${what}`) };
  if (!context.caller.roles.includes(Role.PLATFORM_ADMIN)) {
    const status = await context.storeStatuses.of(storeId);
    if (!acceptsStaffChanges(status)) {
      return { error: UserError.of('STORE_UNAVAILABLE', `This store is ${status}: its staff can read its ${what} but not change it`) };
    }
  }
  return { storeId };
}
