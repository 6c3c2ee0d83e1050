import type { EventHandler } from '@ultramarket/kit';
import { OrderStatus, readOrderStatusChanged } from './consumed-events';
import { emailsAboutOrderInLastHour } from '../email/email-outbox';
import { EmailKind } from '../messages/email-templates';
import { recordStatusChange } from './order-reference';
import { orderStatusNotices } from './order-status-notices';
import { tellCustomer, type HandlerOptions } from './tell-customer';

/**
 * Tells the customer about the order statuses they care about (see `orderStatusNotices`). Declined
 * payments are emailed at most `paymentFailedEmailsPerOrderHour` times an hour per order (counted under
 * the order's row lock taken by `recordStatusChange`); the in-app notice of each decline comes from
 * payments.failed regardless.
 */
export function notifyOnOrderStatusChanged(options: HandlerOptions): EventHandler {
  return {
    name: 'notifications-order-status-changed',
    eventType: 'orders.status-changed',
    async handle(event, tx, logger) {
      const order = readOrderStatusChanged(event);
      if ((await recordStatusChange(tx, order, event.aggregateVersion)) === 'stale') {
        logger.info({ orderId: order.orderId, to: order.to }, 'a later status change was already handled; not telling the customer about this one');
        return;
      }
      const make = orderStatusNotices[order.to as OrderStatus];
      if (!make) return;
      const notice = make(order);
      if (order.to === OrderStatus.PAYMENT_FAILED && notice.email) {
        const sent = await emailsAboutOrderInLastHour(tx, order.orderId, EmailKind.ORDER_PAYMENT_FAILED);
        if (sent >= options.paymentFailedEmailsPerOrderHour) {
          logger.warn({ orderId: order.orderId, sent }, 'declined-payment emails about this order reached the hourly limit; not emailing this one');
          delete notice.email;
        }
      }
      await tellCustomer(tx, event, options, order, notice);
    },
  };
}
