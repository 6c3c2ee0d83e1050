import { registerEnumType } from 'type-graphql';

/** How a message reaches a customer. */
export enum NotificationChannel {
  EMAIL = 'EMAIL',
}

registerEnumType(NotificationChannel, {
  name: 'NotificationChannel',
  description: 'How a message reaches a customer.',
  valuesConfig: { EMAIL: { description: 'Email, through the email outbox and SMTP.' } },
});
