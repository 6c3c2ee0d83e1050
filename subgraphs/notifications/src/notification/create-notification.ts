import type { EventEnvelope, Tx } from '@ultramarket/kit';
import type { NotificationText } from '../messages/notification-texts';
import { NotificationEvents, type NotificationCreatedData } from './notification.events';

export interface NewNotification extends NotificationText {
  /** null: store-wide, for the store's staff. */
  userId: string | null;
  storeId: string;
  orderId: string | null;
  /** Shared by events that announce the same thing; see `onDuplicate`. */
  dedupeKey?: string;
}

/**
 * When a notification with the same dedupe key exists: `keep` it as it is, or `refresh` its title and
 * message with this (more detailed) text. Either way no second notification is made.
 */
export type OnDuplicate = 'keep' | 'refresh';

const ON_DUPLICATE: Record<OnDuplicate, string> = {
  keep: 'DO NOTHING',
  refresh: 'DO UPDATE SET title = EXCLUDED.title, message = EXCLUDED.message',
};

/**
 * Records a notification and publishes `notifications.created`, both in the event handler's
 * transaction. Returns the new notification's id, or null when it already existed.
 */
export async function createNotification(tx: Tx, cause: EventEnvelope, notice: NewNotification, onDuplicate: OnDuplicate = 'keep'): Promise<string | null> {
  const rows: { id: string; inserted: boolean }[] = await tx.manager.query(
    `INSERT INTO notification (user_id, store_id, type, title, message, order_id, event_id, dedupe_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (dedupe_key) ${ON_DUPLICATE[onDuplicate]}
     RETURNING id, (xmax = 0) AS inserted`,
    [notice.userId, notice.storeId, notice.type, notice.title, notice.message, notice.orderId, cause.id, notice.dedupeKey ?? null],
  );
  const row = rows[0];
  if (!row?.inserted) return null;
  const data: NotificationCreatedData = { notificationId: row.id, userId: notice.userId, storeId: notice.storeId, type: notice.type };
  await tx.emit({ type: NotificationEvents.created, storeId: notice.storeId, aggregateId: row.id, data });
  return row.id;
}
