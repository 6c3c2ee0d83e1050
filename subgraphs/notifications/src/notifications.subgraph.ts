import { buildFederatedSchema, SecretCipher, type SubgraphContext, type SubgraphDefinition } from '@ultramarket/kit';
import { Notification } from './notification/notification.entity';
import { NotificationResolver } from './notification/notification.resolver';
import { findVisibleNotification } from './notification/notification-queries';
import { notificationHandlers } from './event-handlers/notification-handlers';
import { emailDispatcherJob } from './email/email-dispatcher';
import { loadNotificationsConfig, type NotificationsConfig } from './notifications.config';
import { CreateNotifications1763769600900 } from './migrations/1763769600900-create-notifications';
import { AccountEmails1763769601000 } from './migrations/1763769601000-account-emails';
import { IsolateByStore1763769605030 } from './migrations/1763769605030-isolate-by-store';
import { EmailOrderId1763769605110 } from './migrations/1763769605110-email-order-id';
import { AccountEmailBodies1763769605120 } from './migrations/1763769605120-account-email-bodies';
import { StaffInvitations1763769605200 } from './migrations/1763769605200-staff-invitations';
import { ShipmentTracking1763769631500 } from './migrations/1763769631500-shipment-tracking';
import { EmailRecipientIndex1763769631700 } from './migrations/1763769631700-email-recipient-index';
import { TemplatesAndPreferences1763769657000 } from './migrations/1763769657000-templates-and-preferences';
import { NotificationTemplateResolver } from './templates/template.resolver';
import { NotificationPreferenceResolver } from './preferences/preference.resolver';
import { storeProfileHandlers } from './templates/store-profile';
import { UNSUBSCRIBE_ROUTE, UnsubscribeLinks, UnsubscribeTokens } from './preferences/unsubscribe-token';
import { unsubscribeRoute } from './preferences/unsubscribe.route';
import { DevicesAndChannelOutbox1763769657100 } from './migrations/1763769657100-devices-and-channel-outbox';
import { NotificationDeviceResolver } from './channels/device.resolver';
import { channelProviders } from './channels/channel-providers';
import { channelDispatcherJob } from './channels/channel-dispatcher';
import { WebhookNotifications1763769654100 } from './migrations/1763769654100-webhook-notifications';

/**
 * Notifications tells people what happened to their orders, payments and stock, where their parcels are,
 * that they were invited to a store's staff, and shoppers of the carts they left: in-app notifications
 * (with per-reader read state) and email through an outbox and SMTP, each email rendered with the store's own
 * template (or the default) and the customer's preferences respected.
 */
export function createNotificationsSubgraph(config: NotificationsConfig = loadNotificationsConfig()): SubgraphDefinition {
  const unsubscribeTokens = new UnsubscribeTokens(config.unsubscribe.key);
  const providers = channelProviders(config.channels);
  return {
    name: 'notifications',
    defaultPort: 4009,
    entities: [Notification],
    migrations: [
      CreateNotifications1763769600900,
      AccountEmails1763769601000,
      IsolateByStore1763769605030,
      EmailOrderId1763769605110,
      AccountEmailBodies1763769605120,
      StaffInvitations1763769605200,
      ShipmentTracking1763769631500,
      EmailRecipientIndex1763769631700,
      WebhookNotifications1763769654100,
      TemplatesAndPreferences1763769657000,
      DevicesAndChannelOutbox1763769657100,
    ],
    publishes: ['notifications'],
    consumers: [
      ...notificationHandlers({
        emailEnabled: config.email.enabled,
        accountLinkBaseUrl: config.email.accountLinkBaseUrl,
        accountEmailTokenSeal: config.accountEmailTokenKey && new SecretCipher(config.accountEmailTokenKey),
        paymentFailedEmailsPerOrderHour: config.email.paymentFailedEmailsPerOrderHour,
        trackingEmailsPerOrderHour: config.email.trackingEmailsPerOrderHour,
        invitationEmailsPerStoreDay: config.email.invitationEmailsPerStoreDay,
        cartEmailsPerRecipientDay: config.email.cartEmailsPerRecipientDay,
        deviceChannels: providers.map((provider) => provider.channel),
        unsubscribeLinks: new UnsubscribeLinks(unsubscribeTokens, config.unsubscribe.publicBaseUrl),
      }),
      ...storeProfileHandlers,
    ],
    httpRoutes: { [UNSUBSCRIBE_ROUTE]: unsubscribeRoute(unsubscribeTokens) },
    jobs: [
      ...(config.email.enabled ? [emailDispatcherJob(config.email)] : []),
      ...(providers.length > 0 ? [channelDispatcherJob(providers, config.channels)] : []),
    ],
    // no appAccess: a person's own notifications: no app scope opens them
    schema: () =>
      buildFederatedSchema({
        resolvers: [NotificationResolver, NotificationTemplateResolver, NotificationPreferenceResolver, NotificationDeviceResolver],
        referenceResolvers: {
          Notification: {
            __resolveReference: (reference: { id: string }, context: SubgraphContext) => findVisibleNotification(context, reference.id),
          },
        },
      }),
  };
}

/** Configured from process.env, as `main` and `npm run schema` use it. */
export const notificationsSubgraph: SubgraphDefinition = createNotificationsSubgraph();
