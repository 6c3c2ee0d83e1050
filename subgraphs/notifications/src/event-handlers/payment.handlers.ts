import type { EventHandler } from '@ultramarket/kit';
import { EmailKind, renderEmail } from '../messages/email-templates';
import { notificationTexts } from '../messages/notification-texts';
import { readPaymentFailed, readPaymentRefunded, readPaymentSucceeded } from './consumed-events';
import { orderNumberOf } from './order-reference';
import { tellCustomer, type HandlerOptions } from './tell-customer';

/** In-app notice that the payment went through (the CONFIRMED status change sends the email). */
export function notifyOnPaymentSucceeded(options: HandlerOptions): EventHandler {
  return {
    name: 'notifications-payment-succeeded',
    eventType: 'payments.succeeded',
    async handle(event, tx) {
      const payment = readPaymentSucceeded(event);
      const orderNumber = await orderNumberOf(tx, payment);
      await tellCustomer(tx, event, options, payment, { notification: notificationTexts.paymentSucceeded({ ...payment, orderNumber }) });
    },
  };
}

/** In-app notice that the payment failed, with why (the PAYMENT_FAILED status change sends the email). */
export function notifyOnPaymentFailed(options: HandlerOptions): EventHandler {
  return {
    name: 'notifications-payment-failed',
    eventType: 'payments.failed',
    async handle(event, tx) {
      const payment = readPaymentFailed(event);
      const orderNumber = await orderNumberOf(tx, payment);
      await tellCustomer(tx, event, options, payment, { notification: notificationTexts.paymentFailed({ ...payment, orderNumber }) });
    },
  };
}

/** In-app notice and email that the money went back. */
export function notifyOnPaymentRefunded(options: HandlerOptions): EventHandler {
  return {
    name: 'notifications-payment-refunded',
    eventType: 'payments.refunded',
    async handle(event, tx) {
      const payment = readPaymentRefunded(event);
      const orderNumber = await orderNumberOf(tx, payment);
      await tellCustomer(tx, event, options, payment, {
        notification: notificationTexts.paymentRefunded({ ...payment, orderNumber }),
        email: renderEmail(EmailKind.PAYMENT_REFUNDED, { ...payment, orderNumber }),
      });
    },
  };
}
