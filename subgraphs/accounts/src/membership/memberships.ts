import type { EntityManager } from 'typeorm';
import { isRole, STORE_ROLES, type Role } from '@ultramarket/kit';
import type { User } from '../user/user.entity';
import type { StoreMembership } from './store-membership.type';

/** The stores a user works in (removals excluded), oldest first. */
export async function membershipsOf(manager: EntityManager, userId: string): Promise<StoreMembership[]> {
  const rows: { store_id: string; role: string }[] = await manager.query(
    `SELECT store_id, role FROM store_membership WHERE user_id = $1 AND role IS NOT NULL ORDER BY created_at, store_id`,
    [userId],
  );
  return rows.filter((row) => isRole(row.role)).map((row) => ({ storeId: row.store_id, role: row.role as Role }));
}

export interface TokenStores {
  roles: Role[];
  storeId: string | null;
  stores: Record<string, Role>;
}

/**
 * What an access token says about stores: every membership (`stores`), the store it acts for by
 * default (the user's `store_id` while they still work there, else their oldest membership), and
 * the roles: platform roles plus the role in that store. A store role given with `assignRole`
 * (user.roles + user.storeId) counts as a membership of that store.
 */
export async function tokenStoresOf(manager: EntityManager, user: User): Promise<TokenStores> {
  const memberships = await membershipsOf(manager, user.id);
  const stores: Record<string, Role> = {};
  const assigned = user.roles.find((role) => STORE_ROLES.includes(role));
  if (user.storeId && assigned) stores[user.storeId] = assigned;
  for (const membership of memberships) stores[membership.storeId] ??= membership.role;
  const storeId = user.storeId && stores[user.storeId] ? user.storeId : (memberships[0]?.storeId ?? null);
  const platformRoles = user.roles.filter((role) => !STORE_ROLES.includes(role));
  return { roles: storeId ? [...platformRoles, stores[storeId]] : platformRoles, storeId, stores };
}
