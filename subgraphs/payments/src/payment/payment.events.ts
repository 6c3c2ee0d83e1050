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
 * The person whose action caused an event (issue 15's contract): a staff member capturing or marking paid; null when
 * none did (a provider's report, a shipment, a cancellation, an expiry).
 */
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

/** What went back: the whole amount of a sale, what was captured of an authorization. */
export function refundedData(payment: Payment, reason: string) {
  const given = payment.captureMode === 'MANUAL' ? payment.capturedMinorUnits : payment.amountMinorUnits;
  return { ...party(payment), amount: { amount: given, currencyCode: payment.currencyCode }, reason };
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
export function capturedData(payment: Payment, captureId: string, captured: number, final: boolean, actor: Actor) {
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
export function voidedData(payment: Payment, released: number, reason: string, actor: Actor) {
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
