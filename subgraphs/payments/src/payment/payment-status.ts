import { registerEnumType } from 'type-graphql';

export enum PaymentStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  REFUNDED = 'REFUNDED',
}

registerEnumType(PaymentStatus, {
  name: 'PaymentStatus',
  description: 'Where a payment is: an order has at most one PENDING or SUCCEEDED payment at a time.',
  valuesConfig: {
    PENDING: { description: 'Accepted; the provider has not answered yet.' },
    SUCCEEDED: { description: 'The money was taken.' },
    FAILED: { description: 'The provider refused it (declined card, insufficient funds); the shopper may pay again.' },
    REFUNDED: { description: 'The money was taken and given back.' },
  },
});
