import { isRole, PermanentEventError, STORE_ROLES, type EventHandler } from '@ultramarket/kit';
import type { AccountsServices } from '../accounts-services';
import { denyAccessTokensIssuedUntilNow } from '../session/token-revocation';

interface StaffEvent {
  storeId: string;
  userId: string;
  role: string;
}

function staffData(data: StaffEvent, id: string): StaffEvent {
  if (typeof data.userId !== 'string' || typeof data.storeId !== 'string' || !isRole(data.role) || !STORE_ROLES.includes(data.role)) {
    throw new PermanentEventError(`stores staff event ${id} carries no user, store or store role`);
  }
  return data;
}

/**
 * Memberships from the stores subgraph: a newer aggregateVersion (the store's) wins, so redelivered
 * and reordered events leave the newest state. The user's access tokens are refused afterwards so
 * the change applies at once (their next refresh carries it), as with assignRole. Users accounts
 * does not know are skipped.
 */
export function membershipHandlers(services: AccountsServices): EventHandler<StaffEvent>[] {
  return [
    {
      name: 'accounts-store-staff-added',
      eventType: 'stores.staff-added',
      async handle(event, tx) {
        const { userId, storeId, role } = staffData(event.data, event.id);
        const changed: unknown[] = await tx.manager.query(
          `INSERT INTO store_membership (user_id, store_id, role, version)
           SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM app_user WHERE id = $1)
           ON CONFLICT (user_id, store_id) DO UPDATE SET role = EXCLUDED.role, version = EXCLUDED.version
             WHERE store_membership.version < EXCLUDED.version
           RETURNING user_id`,
          [userId, storeId, role, event.aggregateVersion],
        );
        if (changed.length > 0) await denyAccessTokensIssuedUntilNow(services.redis, userId);
      },
    },
    {
      name: 'accounts-store-staff-removed',
      eventType: 'stores.staff-removed',
      async handle(event, tx) {
        const { userId, storeId } = staffData(event.data, event.id);
        const changed: unknown[] = await tx.manager.query(
          `INSERT INTO store_membership (user_id, store_id, role, version)
           SELECT $1, $2, NULL, $3 WHERE EXISTS (SELECT 1 FROM app_user WHERE id = $1)
           ON CONFLICT (user_id, store_id) DO UPDATE SET role = NULL, version = EXCLUDED.version
             WHERE store_membership.version <= EXCLUDED.version
           RETURNING user_id`,
          [userId, storeId, event.aggregateVersion],
        );
        if (changed.length === 0) return;
        // a store role given with assignRole for this store ends too
        await tx.manager.query(
          `UPDATE app_user SET store_id = NULL, roles = array_remove(array_remove(roles, 'MERCHANT'), 'STORE_STAFF'), updated_at = now()
           WHERE id = $1 AND store_id = $2`,
          [userId, storeId],
        );
        await denyAccessTokensIssuedUntilNow(services.redis, userId);
      },
    },
  ];
}
