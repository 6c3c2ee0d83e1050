import { Field, Int, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { Notification } from './notification.entity';

@ObjectType({ description: 'Result of markNotificationRead.' })
export class MarkNotificationReadPayload {
  @Field(() => Notification, { nullable: true, description: 'The notification, now read by the caller; null when it was not found.' })
  notification: Notification | null;

  @Field(() => [UserError], { description: 'Why nothing was marked; empty on success.' })
  userErrors: UserError[];

  static ok(notification: Notification): MarkNotificationReadPayload {
    return Object.assign(new MarkNotificationReadPayload(), { notification, userErrors: [] });
  }

  static failed(...userErrors: UserError[]): MarkNotificationReadPayload {
    return Object.assign(new MarkNotificationReadPayload(), { notification: null, userErrors });
  }
}

@ObjectType({ description: 'Result of markAllNotificationsRead.' })
export class MarkAllNotificationsReadPayload {
  @Field(() => Int, { description: 'How many notifications were unread and are now read.' })
  markedCount: number;

  @Field(() => [UserError], { description: 'Why nothing was marked; empty on success.' })
  userErrors: UserError[];

  static ok(markedCount: number): MarkAllNotificationsReadPayload {
    return Object.assign(new MarkAllNotificationsReadPayload(), { markedCount, userErrors: [] });
  }
}
