import type { EventHandler } from '@ultramarket/kit';
import { EmailKind } from '../messages/email-templates';
import { emailMessage } from '../templates/email-template-keys';
import { notificationTexts } from '../messages/notification-texts';
import { readOrderDispatched } from './consumed-events';
import { rememberOrder } from './order-reference';
import { dispatchNoticeKey } from './order-status-notices';
import { tellCustomer, type HandlerOptions } from './tell-customer';

/**
 * Tells the customer their order is on its way, with carrier, tracking number and tracking page (in the
 * app and by email). If the DISPATCHED status change came first, its notification gets this fuller message.
 */
export function notifyOnOrderDispatched(options: HandlerOptions): EventHandler {
  return {
    name: 'notifications-order-dispatched',
    eventType: 'orders.dispatched',
    async handle(event, tx) {
      const order = readOrderDispatched(event);
      await rememberOrder(tx, order);
      await tellCustomer(tx, event, options, order, {
        notification: { ...notificationTexts.orderDispatchedWithTracking(order), dedupeKey: dispatchNoticeKey(order.orderId), onDuplicate: 'refresh' },
        email: emailMessage(EmailKind.ORDER_DISPATCHED, order),
      });
    },
  };
}
