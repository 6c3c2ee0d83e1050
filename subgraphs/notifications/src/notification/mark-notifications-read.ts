import { storeRequired, traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import { findVisibleNotification, signedInUser } from './notification-queries';
import { staffStoreOf } from './notification-visibility';
import { MarkAllNotificationsReadPayload, MarkNotificationReadPayload } from './notification.payloads';
import type { MarkNotificationReadInput } from './notification.inputs';

/** Marks one notification read for the caller; marking it again changes nothing. The receipt belongs to the notification's store. */
export async function markNotificationRead(context: SubgraphContext, input: MarkNotificationReadInput): Promise<MarkNotificationReadPayload> {
  const userId = signedInUser(context);
  const notification = await findVisibleNotification(context, input.id);
  if (!notification) return MarkNotificationReadPayload.failed(UserError.of('NOT_FOUND', 'No such notification for you', ['input', 'id']));
  await context.unitOfWork.run(traceOf(context), (tx) =>
    tx.manager.query(`INSERT INTO notification_read_receipt (user_id, notification_id, store_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
      userId,
      notification.id,
      notification.storeId,
    ]),
  );
  return MarkNotificationReadPayload.ok(notification);
}

/**
 * Marks every notification the caller can see in the store they are in as read, in one statement;
 * answers how many were unread.
 */
export async function markAllNotificationsRead(context: SubgraphContext): Promise<MarkAllNotificationsReadPayload> {
  const userId = signedInUser(context);
  if (context.unitOfWork.scope === null) throw storeRequired();
  const marked = await context.unitOfWork.run(traceOf(context), async (tx) => {
    const [{ count }]: { count: number }[] = await tx.manager.query(
      `WITH marked AS (
         INSERT INTO notification_read_receipt (user_id, notification_id, store_id)
         SELECT $1::uuid, n.id, n.store_id FROM notification n
          WHERE (n.user_id = $1::uuid OR (n.user_id IS NULL AND n.store_id = $2::uuid))
            AND ($3::uuid IS NULL OR n.store_id = $3::uuid)
         ON CONFLICT DO NOTHING
         RETURNING 1
       )
       SELECT count(*)::int AS count FROM marked`,
      [userId, staffStoreOf(context.caller), context.caller.storeId],
    );
    return count;
  });
  return MarkAllNotificationsReadPayload.ok(marked);
}
