import type { EventHandler } from '@ultramarket/kit';
import { EmailKind } from '../messages/email-templates';
import { emailMessage } from '../templates/email-template-keys';
import { notificationTexts } from '../messages/notification-texts';
import { readPaymentFailed, readPaymentInitiated, readPaymentRefunded, readPaymentSucceeded } from './consumed-events';
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
        email: emailMessage(EmailKind.PAYMENT_REFUNDED, { ...payment, orderNumber }),
      });
    },
  };
}

/** What a shopper reads for each manual method (payments' ManualPaymentMethodKind). */
const MANUAL_METHOD_NAMES: Record<string, string> = {
  BANK_TRANSFER: 'bank transfer',
  CASH_ON_DELIVERY: 'cash on delivery',
  OTHER: "the store's own arrangement",
};

/**
 * A manual payment chosen (payments.initiated with a method other than CARD): the customer is told how to pay — the
 * store's instructions, in the app and by email — since no money moves until the store receives it. Card payments
 * tell nothing here (their outcome follows at once).
 */
export function notifyOnManualPaymentAwaited(options: HandlerOptions): EventHandler {
  return {
    name: 'notifications-manual-payment-awaited',
    eventType: 'payments.initiated',
    async handle(event, tx) {
      const payment = readPaymentInitiated(event);
      const methodName = MANUAL_METHOD_NAMES[payment.method];
      if (!methodName) return;
      const orderNumber = await orderNumberOf(tx, payment);
      const instructions = payment.instructions ?? '';
      await tellCustomer(tx, event, options, payment, {
        notification: notificationTexts.manualPaymentAwaited({ ...payment, orderNumber, methodName, instructions }),
        email: emailMessage(EmailKind.MANUAL_PAYMENT_INSTRUCTIONS, {
          ...payment,
          orderNumber,
          methodName,
          instructions,
          holdUntil: payment.holdReservationUntil,
        }),
      });
    },
  };
}
