import { registerEnumType } from 'type-graphql';

export enum PaymentStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  REFUNDED = 'REFUNDED',
  NEEDS_REVIEW = 'NEEDS_REVIEW',
  AUTHORIZED = 'AUTHORIZED',
  PARTIALLY_CAPTURED = 'PARTIALLY_CAPTURED',
  VOIDED = 'VOIDED',
}

/** The statuses of an open authorization: capturable, voidable. */
export const OPEN_AUTHORIZATION: readonly PaymentStatus[] = [PaymentStatus.AUTHORIZED, PaymentStatus.PARTIALLY_CAPTURED];

registerEnumType(PaymentStatus, {
  name: 'PaymentStatus',
  description: 'Where a payment is: an order has at most one PENDING, SUCCEEDED, NEEDS_REVIEW, AUTHORIZED or PARTIALLY_CAPTURED payment at a time.',
  valuesConfig: {
    PENDING: { description: 'Accepted; the provider has not answered yet.' },
    SUCCEEDED: { description: 'The money was taken (in a MANUAL-capture store: the last capture was made; capturedAmount says how much).' },
    FAILED: { description: 'The provider refused it (declined card, insufficient funds); the shopper may pay again.' },
    REFUNDED: { description: 'The money was taken and given back.' },
    NEEDS_REVIEW: {
      description:
        'The provider could not tell the outcome after every reconciliation attempt: staff must check it with the provider. A late provider report still settles it; the order cannot be paid again meanwhile.',
    },
    AUTHORIZED: {
      description:
        "The amount is held on the shopper's card, nothing taken yet (a store with paymentCaptureMode MANUAL): captured as the order ships or by staff (capturePayment), voided when the order is cancelled or the authorization expires.",
    },
    PARTIALLY_CAPTURED: { description: 'Part of the authorization was captured (capturedAmount); the rest is still held.' },
    VOIDED: {
      description: 'The authorization was released (order cancelled, or it expired) without taking the rest; capturedAmount says what was taken before.',
    },
  },
});
