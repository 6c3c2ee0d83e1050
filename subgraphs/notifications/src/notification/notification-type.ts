import { registerEnumType } from 'type-graphql';

/** What a notification is about. */
export enum NotificationType {
  ORDER = 'ORDER',
  PAYMENT = 'PAYMENT',
  DISPATCH = 'DISPATCH',
  STOCK = 'STOCK',
  INVITATION = 'INVITATION',
  WEBHOOK = 'WEBHOOK',
}

registerEnumType(NotificationType, {
  name: 'NotificationType',
  description: 'What a notification is about.',
  valuesConfig: {
    ORDER: { description: 'An order changed status (confirmed, cancelled, completed…).' },
    PAYMENT: { description: 'A payment succeeded, failed or was refunded.' },
    DISPATCH: {
      description:
        'An order left the warehouse, or its parcel moved (in transit, out for delivery, delivered…); the message names the carrier and tracking number when known.',
    },
    STOCK: { description: "A product is running low; store-wide, for the store's staff." },
    INVITATION: { description: "An invitation to join the store's staff, for the invited user: accepted with acceptStoreInvitation." },
    WEBHOOK: { description: "One of the store's webhook endpoints was disabled after sustained failure; store-wide, for the store's staff." },
  },
});
