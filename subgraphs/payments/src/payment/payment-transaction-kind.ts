import { registerEnumType } from 'type-graphql';

export enum PaymentTransactionType {
  AUTHORIZATION = 'AUTHORIZATION',
  CAPTURE = 'CAPTURE',
  SALE = 'SALE',
  REFUND = 'REFUND',
  VOID = 'VOID',
}

export enum PaymentTransactionStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

registerEnumType(PaymentTransactionType, {
  name: 'PaymentTransactionType',
  description: 'What a call to the payment provider did.',
  valuesConfig: {
    AUTHORIZATION: { description: 'Funds held on the card, not taken yet.' },
    CAPTURE: { description: 'Held funds taken.' },
    SALE: { description: 'Authorized and captured at once (what processPayment does).' },
    REFUND: { description: 'Money given back.' },
    VOID: { description: 'An authorization released without taking the money.' },
  },
});

registerEnumType(PaymentTransactionStatus, {
  name: 'PaymentTransactionStatus',
  description: 'What the provider answered.',
  valuesConfig: {
    PENDING: { description: 'No answer yet; the provider will tell (webhook).' },
    SUCCEEDED: { description: 'Done.' },
    FAILED: { description: 'Refused; see errorCode.' },
  },
});
