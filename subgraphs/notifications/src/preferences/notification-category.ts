import { registerEnumType } from 'type-graphql';

/**
 * What an email is about, which decides whether a customer may turn it off. RECEIPTS (order confirmation, cancellation,
 * refund, how to pay by a manual method) and ACCOUNT_SECURITY (email verification, password reset) are transactional
 * emails the shopper is owed and cannot be turned off; STAFF emails (invitations) go to staff, not customers.
 */
export enum NotificationCategory {
  RECEIPTS = 'RECEIPTS',
  ACCOUNT_SECURITY = 'ACCOUNT_SECURITY',
  STAFF = 'STAFF',
  ORDER_UPDATES = 'ORDER_UPDATES',
  SHIPPING_UPDATES = 'SHIPPING_UPDATES',
  MARKETING = 'MARKETING',
}

/** Categories a customer may turn off; the others are always sent. */
export const OPTIONAL_CATEGORIES: readonly NotificationCategory[] = [
  NotificationCategory.ORDER_UPDATES,
  NotificationCategory.SHIPPING_UPDATES,
  NotificationCategory.MARKETING,
];

export const isOptional = (category: NotificationCategory) => OPTIONAL_CATEGORIES.includes(category);

registerEnumType(NotificationCategory, {
  name: 'NotificationCategory',
  description: 'What a message is about; RECEIPTS, ACCOUNT_SECURITY and STAFF are always sent, the others can be turned off.',
  valuesConfig: {
    RECEIPTS: { description: 'Order confirmation, cancellation, refund, manual payment instructions: always sent.' },
    ACCOUNT_SECURITY: { description: 'Email verification and password reset: always sent.' },
    STAFF: { description: "Messages to a store's staff (invitations): always sent." },
    ORDER_UPDATES: { description: 'Declined payments and return steps.' },
    SHIPPING_UPDATES: { description: 'Dispatch and parcel tracking news.' },
    MARKETING: { description: 'Abandoned-cart reminders; they carry an unsubscribe link.' },
  },
});
