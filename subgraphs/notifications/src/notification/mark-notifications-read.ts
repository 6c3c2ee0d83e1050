import { UserError, type SubgraphContext } from '@ultramarket/kit';
import { findVisibleNotification, signedInUser } from './notification-queries';
import { staffStoreOf } from './notification-visibility';
import { MarkAllNotificationsReadPayload, MarkNotificationReadPayload } from './notification.payloads';
import type { MarkNotificationReadInput } from './notification.inputs';

/** Marks one notification read for the caller; marking it again changes nothing. */
export async function markNotificationRead(context: SubgraphContext, input: MarkNotificationReadInput): Promise<MarkNotificationReadPayload> {
  const userId = signedInUser(context);
  const notification = await findVisibleNotification(context, input.id);
  if (!notification) return MarkNotificationReadPayload.failed(UserError.of('NOT_FOUND', 'No such notification for you', ['input', 'id']));
  await context.db.query(`INSERT INTO notification_read_receipt (user_id, notification_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [userId, notification.id]);
  return MarkNotificationReadPayload.ok(notification);
}

/** Marks every notification the caller can see as read, in one statement; answers how many were unread. */
export async function markAllNotificationsRead(context: SubgraphContext): Promise<MarkAllNotificationsReadPayload> {
  const userId = signedInUser(context);
  const [{ marked }]: { marked: number }[] = await context.db.query(
    `WITH marked AS (
       INSERT INTO notification_read_receipt (user_id, notification_id)
       SELECT $1::uuid, n.id FROM notification n
        WHERE (n.user_id = $1::uuid OR (n.user_id IS NULL AND n.store_id = $2::uuid))
       ON CONFLICT DO NOTHING
       RETURNING 1
     )
     SELECT count(*)::int AS marked FROM marked`,
    [userId, staffStoreOf(context.caller)],
  );
  return MarkAllNotificationsReadPayload.ok(marked);
}
