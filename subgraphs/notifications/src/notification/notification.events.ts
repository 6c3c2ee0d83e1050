import type { NotificationType } from './notification-type';

/** What notifications publishes (see schema/events.md); the gateway pushes it to `notificationAdded`. */
export const NotificationEvents = {
  created: 'notifications.created',
} as const;

export interface NotificationCreatedData {
  notificationId: string;
  /** null for a store-wide notification for the store's staff. */
  userId: string | null;
  storeId: string;
  type: NotificationType;
}
