import { createHash } from 'node:crypto';

/**
 * The idempotency keys payments sends its provider, derived from our own ids so that no retry can
 * make up a new one:
 * - `payment-<paymentId>`: the charge of one payment. The first call, a shopper's retry of a payment whose
 *   call timed out or was rate limited (with the same or a new client idempotency key) and reconciliation's
 *   lookup all name the same charge, so Stripe answers with the same PaymentIntent and never charges twice
 *   (PayPal: the capture's `PayPal-Request-Id`, so a retried capture answers the first one's result).
 *   A new payment (after a FAILED one) is a new charge with a new key.
 * - `payment-<paymentId>-payment-method`: Stripe only, turning a legacy `tok_…` into a PaymentMethod for that charge.
 * - `payment-<paymentId>-amount-mismatch`: PayPal only, giving back a capture of another amount than the payment's.
 * - `refund-<paymentId>`: the refund of a payment's whole amount.
 * - `capture-<paymentId>-<key>` and `void-<paymentId>`: captures and the void of an authorization (below).
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

/** `capture-<paymentId>-<key>`: one capture of an authorization, named by staff's idempotency key or the shipment it pays. */
export function captureKeyOf(paymentId: string, key: string): string {
  // Stripe takes keys of up to 255 characters: a long client key is named by its digest
  const named = key.length <= 200 ? key : createHash('sha256').update(key).digest('hex');
  return `capture-${paymentId}-${named}`;
}

/** `void-<paymentId>`: releasing what is left of an authorization (there is only ever one void). */
export function voidKeyOf(paymentId: string): string {
  return `void-${paymentId}`;
}

/** `refund-<refundId>`, then `refund-<refundId>-<attempt>` from staff's second retryRefund on (above). */
export function refundRequestKeyOf(refundId: string, orderAttempt: number): string {
  return orderAttempt <= 1 ? `refund-${refundId}` : `refund-${refundId}-${orderAttempt}`;
}
