import type { EventActor } from '@ultramarket/kit';
import type { Payment } from './payment.entity';

/** What payments publishes (see schema/events.md and the saga contract); every event's aggregate is the order. */
export const PaymentEvents = {
  initiated: 'payments.initiated',
  succeeded: 'payments.succeeded',
  failed: 'payments.failed',
  refunded: 'payments.refunded',
  authorized: 'payments.authorized',
  captured: 'payments.captured',
  voided: 'payments.voided',
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

export function succeededData(payment: Payment, actor: EventActor = null) {
  return { ...party(payment), provider: payment.provider, providerReference: payment.providerReference, method: payment.method, actor };
}

export function failedData(payment: Payment, failure: { errorCode: string; message: string }) {
  return { ...party(payment), provider: payment.provider, errorCode: failure.errorCode, message: failure.message };
}

/** A whole payment given back by payments itself (paid after the stock was released; no refundId): the whole amount of a sale, what was captured of an authorization. */
export function refundedData(payment: Payment, reason: string) {
  const given = payment.captureMode === 'MANUAL' ? payment.capturedMinorUnits : payment.amountMinorUnits;
  return { ...party(payment), amount: { amount: given, currencyCode: payment.currencyCode }, reason, refundId: null, actor: null };
}

export function authorizedData(payment: Payment) {
  return {
    ...party(payment),
    provider: payment.provider,
    providerReference: payment.providerReference,
    expiresAt: payment.authorizationExpiresAt?.toISOString() ?? null,
  };
}

/** One capture: `amount` taken now, `capturedTotal` taken so far, `final` when the authorization is closed. */
export function capturedData(payment: Payment, captureId: string, captured: number, final: boolean, actor: EventActor) {
  const money = (amount: number) => ({ amount, currencyCode: payment.currencyCode });
  return {
    paymentId: payment.id,
    captureId,
    orderId: payment.orderId,
    amount: money(captured),
    capturedTotal: money(payment.capturedMinorUnits),
    authorized: money(payment.amountMinorUnits),
    final,
    customerId: payment.customerId,
    email: payment.email,
    actor,
  };
}

/** The authorization released: `released` is what was still held, `capturedTotal` what was taken before. */
export function voidedData(payment: Payment, released: number, reason: string, actor: EventActor) {
  const money = (amount: number) => ({ amount, currencyCode: payment.currencyCode });
  return {
    paymentId: payment.id,
    orderId: payment.orderId,
    released: money(released),
    capturedTotal: money(payment.capturedMinorUnits),
    reason,
    customerId: payment.customerId,
    email: payment.email,
    actor,
  };
}

/** What orders asked to refund (orders.refund-requested), as payments keeps it. */
export interface RequestedRefund {
  refundId: string;
  amount: number;
  currencyCode: string;
  actor: EventActor;
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
