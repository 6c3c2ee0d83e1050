import type { EventEnvelope, Tx } from '@ultramarket/kit';
import { createNotification, type OnDuplicate } from '../notification/create-notification';
import { enqueueEmail } from '../email/email-outbox';
import type { NotificationText } from '../messages/notification-texts';
import type { EmailMessage } from '../templates/email-template-keys';
import type { Recipient } from './consumed-events';

/** What the event handlers are configured with. */
export interface HandlerOptions {
  /** NOTIFICATIONS_EMAIL_ENABLED: when false no email is queued. */
  emailEnabled: boolean;
  /** NOTIFICATIONS_MAX_PAYMENT_FAILED_EMAILS_PER_ORDER_HOUR: declined-payment emails about one order in an hour. */
  paymentFailedEmailsPerOrderHour: number;
  /** NOTIFICATIONS_MAX_TRACKING_EMAILS_PER_ORDER_HOUR: tracking emails about one order in an hour. */
  trackingEmailsPerOrderHour: number;
}

/** What to tell an order's customer about one event: in the app, by email, or both. */
export interface CustomerNotice {
  notification?: NotificationText & { dedupeKey?: string; onDuplicate?: OnDuplicate };
  email?: EmailMessage;
}

/**
 * Tells the customer of an order, in the handler's transaction: in the app when they have an
 * account, by email (queued in the email outbox) when the order has an address. Guests get email only.
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
    await createNotification(tx, cause, { ...text, userId: order.customerId, storeId: order.storeId, orderId: order.orderId, dedupeKey }, onDuplicate);
  }
  if (notice.email && order.email && options.emailEnabled) {
    await enqueueEmail(tx, cause, { storeId: order.storeId, recipient: order.email, orderId: order.orderId, customerId: order.customerId }, notice.email);
  }
}
