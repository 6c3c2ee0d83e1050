import { registerEnumType } from 'type-graphql';

/** How a message reaches a customer. */
export enum NotificationChannel {
  EMAIL = 'EMAIL',
  SMS = 'SMS',
  PUSH = 'PUSH',
}

registerEnumType(NotificationChannel, {
  name: 'NotificationChannel',
  description: 'How a message reaches a customer.',
  valuesConfig: {
    EMAIL: { description: 'Email, through the email outbox and SMTP.' },
    SMS: { description: 'Text messages to the phone the customer registered (when the platform has an SMS provider).' },
    PUSH: { description: 'Push notifications to the apps the customer registered (when the platform has a push provider).' },
  },
});

/** Whether a customer may turn this category off on this channel: only emails they are owed must always go out. */
export const canDisable = (optionalCategory: boolean, channel: NotificationChannel) => optionalCategory || channel !== NotificationChannel.EMAIL;
