import type { EventHandler } from '@ultramarket/kit';
import { createNotification } from '../notification/create-notification';
import { notificationTexts } from '../messages/notification-texts';
import { readRefundFailed } from './consumed-events';
import { orderNumberOf } from './order-reference';

/**
 * A store-wide PAYMENT notification for the store's staff when a refund failed for good at the provider,
 * so it never ends silently: one per refund and failed attempt (a retried refund that fails again tells again).
 */
export function notifyStaffOnRefundFailed(): EventHandler {
  return {
    name: 'notifications-refund-failed',
    eventType: 'payments.refund-failed',
    async handle(event, tx) {
      const refund = readRefundFailed(event);
      const orderNumber = await orderNumberOf(tx, refund);
      await createNotification(tx, event, {
        ...notificationTexts.refundFailed({ ...refund, orderNumber }),
        userId: null,
        storeId: refund.storeId,
        orderId: refund.orderId,
        dedupeKey: `refund-failed:${event.id}`,
      });
    },
  };
}
