import { UserError } from '@ultramarket/kit';
import { ProviderErrorCodes } from '../provider/payment-provider';

/** The expected ways processPayment does not succeed, as typed userErrors (BLUEPRINT "Errors"). */
export const PaymentUserErrors = {
  storeUnavailable: (status: string) => UserError.of('STORE_UNAVAILABLE', `This store is ${status} and takes no payments; nothing was charged`),
  orderNotFound: () => UserError.of('ORDER_NOT_FOUND', 'No such order, or it is not yours to pay', ['input', 'orderId']),
  orderNotPayable: (why: string) => UserError.of('ORDER_NOT_PAYABLE', `This order cannot be paid: ${why}`, ['input', 'orderId']),
  alreadyPaid: () => UserError.of('ORDER_ALREADY_PAID', 'This order is already paid', ['input', 'orderId']),
  inProgress: () => UserError.of('PAYMENT_IN_PROGRESS', 'Another payment of this order is being processed; wait for its outcome', ['input', 'orderId']),
  underReview: () =>
    UserError.of(
      'PAYMENT_UNDER_REVIEW',
      'An earlier payment of this order has an outcome the provider could not confirm; staff are checking it, and nothing more can be charged until then',
      ['input', 'orderId'],
    ),
  keyReused: () =>
    UserError.of('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for this order with another payment method', ['input', 'idempotencyKey']),
  pending: (message: string) => UserError.of('PAYMENT_PENDING', message, ['input', 'paymentMethod']),
  /** A refusal by the provider, in the terms the shopper can act on (try another card). */
  declined(errorCode: string | null, message: string | null): UserError {
    if (errorCode === ProviderErrorCodes.insufficientFunds)
      return UserError.of('INSUFFICIENT_FUNDS', message ?? 'Insufficient funds', ['input', 'paymentMethod']);
    if (errorCode === ProviderErrorCodes.providerUnavailable) {
      return UserError.of('PAYMENT_PROVIDER_UNAVAILABLE', 'Payments cannot be taken right now; nothing was charged. Try again later', [
        'input',
        'paymentMethod',
      ]);
    }
    return UserError.of('PAYMENT_DECLINED', message ?? 'The payment was declined', ['input', 'paymentMethod']);
  },
};
