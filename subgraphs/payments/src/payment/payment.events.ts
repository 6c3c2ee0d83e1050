import type { Payment } from './payment.entity';

/** What payments publishes (see schema/events.md and the saga contract); every event's aggregate is the order. */
export const PaymentEvents = {
  initiated: 'payments.initiated',
  succeeded: 'payments.succeeded',
  failed: 'payments.failed',
  refunded: 'payments.refunded',
} as const;

/** What every payment event carries, so consumers (orders, notifications) need no lookups. */
function party(payment: Payment) {
  return {
    paymentId: payment.id,
    orderId: payment.orderId,
    amount: { amount: payment.amountMinorUnits, currencyCode: payment.currencyCode },
    customerId: payment.customerId,
    email: payment.email,
  };
}

export function initiatedData(payment: Payment) {
  return { ...party(payment), provider: payment.provider };
}

export function succeededData(payment: Payment) {
  return { ...party(payment), provider: payment.provider, providerReference: payment.providerReference };
}

export function failedData(payment: Payment, failure: { errorCode: string; message: string }) {
  return { ...party(payment), provider: payment.provider, errorCode: failure.errorCode, message: failure.message };
}

export function refundedData(payment: Payment, reason: string) {
  return { ...party(payment), reason };
}
