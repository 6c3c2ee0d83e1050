import type { EventHandler } from '@ultramarket/kit';
import { EmailKind } from '../messages/email-templates';
import { emailMessage } from '../templates/email-template-keys';
import { notificationTexts } from '../messages/notification-texts';
import { readReturnUpdated } from './consumed-events';
import { tellCustomer, type HandlerOptions } from './tell-customer';

/**
 * orders.return-updated: the order's shopper is told of each step of a return, in the app and by email (the staff's
 * reason for a rejection in the app only). A refund asked for (the status unchanged) tells nothing: REFUNDED follows.
 */
export function notifyOnReturnUpdated(options: HandlerOptions): EventHandler {
  return {
    name: 'notifications-return-updated',
    eventType: 'orders.return-updated',
    async handle(event, tx) {
      const update = readReturnUpdated(event);
      if (update.previousStatus === update.status) return;
      await tellCustomer(tx, event, options, update, {
        notification: notificationTexts.returnUpdated(update),
        email: emailMessage(EmailKind.RETURN_UPDATED, { orderNumber: update.orderNumber, status: update.status }),
      });
    },
  };
}
