import { managesStore, unauthenticated } from '@ultramarket/kit';
import type { SubscriptionField } from './subscription-field';

interface NotificationCreated {
  notificationId: string;
  userId: string | null;
}

/** `notificationAdded`: the caller's own notifications, and for store staff their store's store-wide ones. */
export const notificationAdded: SubscriptionField = {
  field: 'notificationAdded',
  appScope: null,
  eventType: 'notifications.created',
  matches: (event, _args, caller) => {
    const { userId } = event.data as unknown as NotificationCreated;
    if (userId !== null) return caller.userId === userId;
    return event.storeId !== null && managesStore(caller, event.storeId);
  },
  authorize: (_args, caller) => {
    if (caller.userId === null) throw unauthenticated('Sign in to receive your notifications');
  },
  entityQuery: { field: 'notification', idArgument: 'id', idType: 'ID!' },
  entityIdOf: (event) => (event.data as unknown as NotificationCreated).notificationId,
};
