import { byKeys, inScope, PLATFORM_SCOPE, Role, type SubgraphContext } from '@ultramarket/kit';
import type { EntityManager } from 'typeorm';
import { isStaffRole, type StaffRole } from './store-staff-role';

/**
 * The caller's role in a store, from `store_staff` (the stores subgraph's own record, which token
 * claims only mirror, so a removal applies here at once). Batched per request. The read is
 * PLATFORM_SCOPE because it spans the stores asked about, and is confined by `user_id = caller`.
 */
export async function callerRoleIn(context: SubgraphContext, storeId: string): Promise<StaffRole | null> {
  const userId = context.caller.userId;
  if (!userId) return null;
  return context.loaders
    .get<string, StaffRole | null>('callerStaffRole', async (storeIds) => {
      const rows: { store_id: string; role: string }[] = await inScope(context.db, PLATFORM_SCOPE, (manager) =>
        manager.query(`SELECT store_id, role FROM store_staff WHERE user_id = $1 AND store_id = ANY($2::uuid[])`, [userId, [...storeIds]]),
      );
      return byKeys(storeIds, rows, (row) => row.store_id).map((row) => (row && isStaffRole(row.role) ? row.role : null));
    })
    .load(storeId);
}

export function isPlatformAdmin(context: SubgraphContext): boolean {
  return context.caller.roles.includes(Role.PLATFORM_ADMIN);
}

/** Whether the caller works in the store (any role) or runs the platform. */
export async function worksIn(context: SubgraphContext, storeId: string): Promise<boolean> {
  return isPlatformAdmin(context) || (await callerRoleIn(context, storeId)) !== null;
}

/** The caller's role in the store inside a write transaction already scoped to that store. */
export async function roleInTransaction(manager: EntityManager, storeId: string, userId: string | null): Promise<StaffRole | null> {
  if (!userId) return null;
  const rows: { role: string }[] = await manager.query(`SELECT role FROM store_staff WHERE store_id = $1 AND user_id = $2`, [storeId, userId]);
  return rows.length > 0 && isStaffRole(rows[0].role) ? rows[0].role : null;
}

/** The store ids the caller works in, oldest membership first (PLATFORM_SCOPE confined by user_id, as above). */
export async function storesOfCaller(context: SubgraphContext): Promise<string[]> {
  const userId = context.caller.userId;
  if (!userId) return [];
  const rows: { store_id: string }[] = await inScope(context.db, PLATFORM_SCOPE, (manager) =>
    manager.query(`SELECT store_id FROM store_staff WHERE user_id = $1 ORDER BY added_at, store_id`, [userId]),
  );
  return rows.map((row) => row.store_id);
}
