import type { FieldError, Money } from '@ultramarket/kit';
import type { PaymentProviderName } from '../payments.config';

/** How the shopper pays: a card number (simulated provider only) or a provider token. */
export interface PaymentMethod {
  cardNumber?: string | null;
  token?: string | null;
}

export interface ChargeRequest {
  paymentId: string;
  orderId: string;
  amount: Money;
  method: PaymentMethod;
  /** Sent to the provider: a retried call with the same key charges once. */
  idempotencyKey: string;
}

/**
 * What the provider said. `pending` means we do not know yet (the provider is processing, or did
 * not answer): the payment stays PENDING until the provider's webhook tells the outcome.
 */
export type ChargeOutcome =
  | { status: 'succeeded'; providerReference: string }
  | { status: 'failed'; providerReference: string | null; errorCode: string; message: string }
  | { status: 'pending'; providerReference: string | null; message: string };

/** Which charge to ask the provider about: by its reference when our call got one, else by our idempotency key / payment id. */
export interface LookupRequest {
  paymentId: string;
  providerReference: string | null;
  idempotencyKey: string;
}

export interface RefundRequest {
  paymentId: string;
  orderId: string;
  /** The provider's reference of the charge to refund. */
  providerReference: string;
  amount: Money;
  reason: string;
  idempotencyKey: string;
}

export interface RefundOutcome {
  providerReference: string;
}

/**
 * The provider answered and refused the refund (Stripe: a refund that ended `failed`, or an API error
 * such as `charge_disputed`). Like any other throw from `refund` it is retried a bounded number of times.
 */
export class RefundRefusedError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'RefundRefusedError';
  }
}

/** A payment provider: the built-in simulated one or Stripe (PAYMENTS_PROVIDER). */
export interface PaymentProvider {
  readonly name: PaymentProviderName;
  /** Problems with the payment method this provider can tell before anything is written. */
  checkMethod(method: PaymentMethod): FieldError[];
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
  /**
   * What the provider knows of a charge now (reconciliation): its outcome (`pending` while it is still
   * processing), or null when it has no record of it (our call never reached it, or was refused unprocessed,
   * as a 429 is). Throws when the provider cannot be asked; the caller tries again later.
   */
  lookup(request: LookupRequest): Promise<ChargeOutcome | null>;
  /** Throws (RefundRefusedError when the provider said no) when the refund could not be made; retrying with the same idempotency key is safe. */
  refund(request: RefundRequest): Promise<RefundOutcome>;
}

/** Error codes (Stripe's vocabulary) the services turn into userErrors. */
export const ProviderErrorCodes = {
  cardDeclined: 'card_declined',
  insufficientFunds: 'insufficient_funds',
  providerUnavailable: 'provider_unavailable',
  refundFailed: 'refund_failed',
} as const;
