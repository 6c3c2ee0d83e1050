import { registerEnumType } from 'type-graphql';

/** Where a refund is: orders asked payments to move the money, and payments answered. */
export enum RefundStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

registerEnumType(RefundStatus, {
  name: 'RefundStatus',
  description: 'Where a refund is.',
  valuesConfig: {
    PENDING: { description: 'Asked of the payment provider; its amount is already held back from what is refundable.' },
    SUCCEEDED: { description: 'The provider gave the money back.' },
    FAILED: { description: 'The provider refused it after every attempt (see failureReason); staff may retry it with retryRefund.' },
  },
});
