import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { CONNECTION_LIST_SIZE, connectionTypes, type SubgraphContext } from '@ultramarket/kit';
import { Notification } from './notification.entity';
import { MarkNotificationReadInput, NotificationsArgs } from './notification.inputs';
import { MarkAllNotificationsReadPayload, MarkNotificationReadPayload } from './notification.payloads';
import { countUnreadNotifications, findVisibleNotification, isReadByCaller, listNotifications } from './notification-queries';
import { markAllNotificationsRead, markNotificationRead } from './mark-notifications-read';

export const NotificationConnection = connectionTypes(Notification, 'Notification');

@Resolver(() => Notification)
export class NotificationResolver {
  @Authorized()
  @Query(() => Notification, {
    nullable: true,
    description: "A notification by id; null unless it is the caller's own or a store-wide one of the store they work for.",
  })
  notification(@Arg('id', () => ID, { description: 'Notification id.' }) id: string, @Ctx() context: SubgraphContext): Promise<Notification | null> {
    return findVisibleNotification(context, id);
  }

  @Authorized()
  @Directive(CONNECTION_LIST_SIZE)
  @Query(() => NotificationConnection, {
    description: "The caller's notifications and, for store staff, their store's store-wide ones; newest first.",
  })
  notifications(@Args() args: NotificationsArgs, @Ctx() context: SubgraphContext) {
    return listNotifications(context, args);
  }

  @Authorized()
  @Query(() => Int, { description: 'How many of the notifications in `notifications` the caller has not read.' })
  unreadNotificationCount(@Ctx() context: SubgraphContext): Promise<number> {
    return countUnreadNotifications(context);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the caller has read it (read state is per reader, also for store-wide notifications).' })
  isRead(@Root() notification: Notification, @Ctx() context: SubgraphContext): Promise<boolean> {
    return isReadByCaller(context, notification.id);
  }

  @Authorized()
  @Mutation(() => MarkNotificationReadPayload, { description: 'Marks one notification as read for the caller; doing it again changes nothing.' })
  markNotificationRead(
    @Arg('input', { description: 'The notification to mark.' }) input: MarkNotificationReadInput,
    @Ctx() context: SubgraphContext,
  ): Promise<MarkNotificationReadPayload> {
    return markNotificationRead(context, input);
  }

  @Authorized()
  @Mutation(() => MarkAllNotificationsReadPayload, { description: 'Marks every notification the caller can see as read.' })
  markAllNotificationsRead(@Ctx() context: SubgraphContext): Promise<MarkAllNotificationsReadPayload> {
    return markAllNotificationsRead(context);
  }

  /** Served by the gateway from `notifications.created`; declared here because notifications owns the type. */
  @Subscription(() => Notification, {
    description: "Pushes each new notification for the caller and, for store staff, their store's store-wide ones.",
    subscribe: () => {
      throw new Error('notificationAdded is served by the gateway');
    },
  })
  notificationAdded(): Notification {
    throw new Error('notificationAdded is served by the gateway');
  }
}
