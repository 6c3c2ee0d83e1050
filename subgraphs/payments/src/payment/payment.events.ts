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

/** The person whose action caused an event (issue 15's contract), null when none did (a provider's report). */
export type Actor = { userId: string } | null;

/**
 * A manual payment also says how it is paid, what the shopper was told, and until when its stock is to be held
 * (inventory extends the order's reservation to `holdReservationUntil`); a card payment's `method` is CARD and the
 * other two are null.
 */
export function initiatedData(payment: Payment, holdReservationUntil: Date | null = null) {
  return {
    ...party(payment),
    provider: payment.provider,
    method: payment.method,
    instructions: payment.instructions,
    holdReservationUntil: holdReservationUntil?.toISOString() ?? null,
  };
}

export function succeededData(payment: Payment, actor: Actor = null) {
  return { ...party(payment), provider: payment.provider, providerReference: payment.providerReference, method: payment.method, actor };
}

export function failedData(payment: Payment, failure: { errorCode: string; message: string }) {
  return { ...party(payment), provider: payment.provider, errorCode: failure.errorCode, message: failure.message };
}

export function refundedData(payment: Payment, reason: string) {
  return { ...party(payment), reason };
}
