import type { Payment } from './payment.entity';

/** What payments publishes (see schema/events.md and the saga contract); every event's aggregate is the order. */
export const PaymentEvents = {
  initiated: 'payments.initiated',
  succeeded: 'payments.succeeded',
  failed: 'payments.failed',
  refunded: 'payments.refunded',
  refundFailed: 'payments.refund-failed',
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

/** A whole payment given back by payments itself (paid after the stock was released): no refundId. */
export function refundedData(payment: Payment, reason: string) {
  return { ...party(payment), reason, refundId: null, actor: null };
}

/** What orders asked to refund (orders.refund-requested), as payments keeps it. */
export interface RequestedRefund {
  refundId: string;
  amount: number;
  currencyCode: string;
  actor: { userId: string } | null;
}

/**
 * One of orders' refunds went through: `amount` is what this refund gave back (not the payment's), and
 * `reason` is null: the staff's reason is theirs, not something to mail to the order's address.
 */
export function refundSucceededData(payment: Payment, refund: RequestedRefund) {
  return {
    ...party(payment),
    amount: { amount: refund.amount, currencyCode: refund.currencyCode },
    reason: null,
    refundId: refund.refundId,
    actor: refund.actor,
  };
}

/** One of orders' refunds failed after every attempt: staff must see it (orders marks it FAILED, notifications tells them). */
export function refundFailedData(
  order: { orderId: string; paymentId: string | null },
  refund: RequestedRefund,
  failure: { errorCode: string; message: string; attempts: number },
) {
  return {
    orderId: order.orderId,
    paymentId: order.paymentId,
    refundId: refund.refundId,
    amount: { amount: refund.amount, currencyCode: refund.currencyCode },
    errorCode: failure.errorCode,
    message: failure.message,
    attempts: failure.attempts,
    actor: refund.actor,
  };
}
