import type { EventEnvelope, Tx } from '@ultramarket/kit';
import { createNotification, type OnDuplicate } from '../notification/create-notification';
import { enqueueEmail } from '../email/email-outbox';
import type { NotificationText } from '../messages/notification-texts';
import { categoryOf, type EmailMessage } from '../templates/email-template-keys';
import { NotificationType } from '../notification/notification-type';
import { NotificationCategory } from '../preferences/notification-category';
import { enqueueDeviceMessages } from '../channels/channel-outbox';
import type { DeviceChannel } from '../channels/channel-provider';
import type { Recipient } from './consumed-events';

/** What the event handlers are configured with. */
export interface HandlerOptions {
  /** NOTIFICATIONS_EMAIL_ENABLED: when false no email is queued. */
  emailEnabled: boolean;
  /** NOTIFICATIONS_MAX_PAYMENT_FAILED_EMAILS_PER_ORDER_HOUR: declined-payment emails about one order in an hour. */
  paymentFailedEmailsPerOrderHour: number;
  /** NOTIFICATIONS_MAX_TRACKING_EMAILS_PER_ORDER_HOUR: tracking emails about one order in an hour. */
  trackingEmailsPerOrderHour: number;
  /** The channels besides email that have a provider (NOTIFICATIONS_SMS_PROVIDER, NOTIFICATIONS_PUSH_PROVIDER). */
  deviceChannels: readonly DeviceChannel[];
}

/** What to tell an order's customer about one event: in the app, by email, or both. */
export interface CustomerNotice {
  notification?: NotificationText & { dedupeKey?: string; onDuplicate?: OnDuplicate };
  email?: EmailMessage;
}

/**
 * Tells the customer of an order, in the handler's transaction: in the app when they have an
 * account (and on the phone and apps they registered, per their preferences), by email (queued in the email outbox)
 * when the order has an address. Guests get email only.
 */
export async function tellCustomer(
  tx: Tx,
  cause: EventEnvelope,
  options: HandlerOptions,
  order: Recipient & { orderId: string },
  notice: CustomerNotice,
): Promise<void> {
  if (notice.notification && order.customerId) {
    const { dedupeKey, onDuplicate, ...text } = notice.notification;
    const created = await createNotification(
      tx,
      cause,
      { ...text, userId: order.customerId, storeId: order.storeId, orderId: order.orderId, dedupeKey },
      onDuplicate,
    );
    // on their phone and apps too: what the app shows, once (a deduplicated notice is not sent again)
    if (created) {
      const category = notice.email
        ? categoryOf(notice.email.kind)
        : text.type === NotificationType.DISPATCH
          ? NotificationCategory.SHIPPING_UPDATES
          : NotificationCategory.ORDER_UPDATES;
      await enqueueDeviceMessages(tx, cause, options.deviceChannels, {
        storeId: order.storeId,
        customerId: order.customerId,
        category,
        title: text.title,
        body: text.message,
      });
    }
  }
  if (notice.email && order.email && options.emailEnabled) {
    await enqueueEmail(tx, cause, { storeId: order.storeId, recipient: order.email, orderId: order.orderId, customerId: order.customerId }, notice.email);
  }
}
