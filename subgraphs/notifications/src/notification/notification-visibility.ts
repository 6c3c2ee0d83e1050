import { hasAnyRole, STORE_ROLES, type Caller } from '@ultramarket/kit';
import type { Notification } from './notification.entity';

/** The store whose store-wide notifications the caller sees: the one they act for as staff (or as a platform admin). */
export function staffStoreOf(caller: Caller): string | null {
  return caller.storeId !== null && hasAnyRole(caller, STORE_ROLES) ? caller.storeId : null;
}

/** A notification is seen by its user; a store-wide one by the staff of its store. */
export function canSeeNotification(caller: Caller, notification: Notification): boolean {
  if (caller.userId === null) return false;
  if (notification.userId !== null) return notification.userId === caller.userId;
  return staffStoreOf(caller) === notification.storeId;
}

/** The same rule in SQL over alias `n`, with parameters :userId and :staffStoreId (null for non-staff). */
export const VISIBLE_SQL = '(n.user_id = :userId OR (n.user_id IS NULL AND n.store_id = :staffStoreId))';

/** Not read by :userId. */
export const UNREAD_SQL = 'NOT EXISTS (SELECT 1 FROM notification_read_receipt r WHERE r.user_id = :userId AND r.notification_id = n.id)';

/** The parameters of VISIBLE_SQL and UNREAD_SQL for a signed-in caller. */
export function visibilityParameters(caller: Caller & { userId: string }): { userId: string; staffStoreId: string | null } {
  return { userId: caller.userId, staffStoreId: staffStoreOf(caller) };
}
