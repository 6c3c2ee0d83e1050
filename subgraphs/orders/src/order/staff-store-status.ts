import { acceptsStaffChanges, Role, STORE_ROLES, UserError, type SubgraphContext } from '@ultramarket/kit';

/**
 * STORE_UNAVAILABLE when the caller works for the store as its staff and the platform has suspended or
 * closed it: its staff may read its orders but change none. Platform admins still act (to cancel for a
 * closed store's shoppers); shoppers' own cancellations are not the staff's business and go on.
 */
export async function staffChangeRefusal(context: SubgraphContext, storeId: string): Promise<UserError | null> {
  const { caller } = context;
  if (caller.roles.includes(Role.PLATFORM_ADMIN) || caller.storeId !== storeId || !STORE_ROLES.some((role) => caller.roles.includes(role))) return null;
  const status = await context.storeStatuses.of(storeId);
  if (acceptsStaffChanges(status)) return null;
  return UserError.of('STORE_UNAVAILABLE', `This store is ${status}: its staff can read its orders but not change them`);
}
