import { registerEnumType } from 'type-graphql';

export enum PaymentStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  REFUNDED = 'REFUNDED',
  NEEDS_REVIEW = 'NEEDS_REVIEW',
}

registerEnumType(PaymentStatus, {
  name: 'PaymentStatus',
  description: 'Where a payment is: an order has at most one PENDING, SUCCEEDED or NEEDS_REVIEW payment at a time.',
  valuesConfig: {
    PENDING: { description: 'Accepted; the provider has not answered yet.' },
    SUCCEEDED: { description: 'The money was taken.' },
    FAILED: { description: 'The provider refused it (declined card, insufficient funds); the shopper may pay again.' },
    REFUNDED: { description: 'The money was taken and given back.' },
    NEEDS_REVIEW: {
      description:
        'The provider could not tell the outcome after every reconciliation attempt: staff must check it with the provider. A late provider report still settles it; the order cannot be paid again meanwhile.',
    },
  },
});
