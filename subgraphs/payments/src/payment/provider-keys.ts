/**
 * The idempotency keys payments sends its provider, derived from our own ids so that no retry can
 * make up a new one:
 * - `payment-<paymentId>`: the charge of one payment. The first call, a shopper's retry of a payment whose
 *   call timed out or was rate limited (with the same or a new client idempotency key) and reconciliation's
 *   lookup all name the same charge, so Stripe answers with the same PaymentIntent and never charges twice.
 *   A new payment (after a FAILED one) is a new charge with a new key.
 * - `payment-<paymentId>-payment-method`: Stripe only, turning a legacy `tok_…` into a PaymentMethod for that charge.
 * - `refund-<paymentId>`: the refund of a payment's whole amount.
 * - `refund-<refundId>` (orders' refund id), `refund-<refundId>-<attempt>` from staff's second retryRefund on: every
 *   provider call of one attempt repeats the same key, so a call whose answer was lost never refunds twice;
 *   a staff retry after a FAILED refund is a new key, because Stripe replays a key's first answer (the failure).
 */
export function chargeKeyOf(paymentId: string): string {
  return `payment-${paymentId}`;
}

export function refundKeyOf(paymentId: string): string {
  return `refund-${paymentId}`;
}

export function refundRequestKeyOf(refundId: string, orderAttempt: number): string {
  return orderAttempt <= 1 ? `refund-${refundId}` : `refund-${refundId}-${orderAttempt}`;
}
