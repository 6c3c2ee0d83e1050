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
  /** Funds held, not taken (an authorization): capturable until `expiresAt`, the provider's own deadline. */
  | { status: 'authorized'; providerReference: string; expiresAt: Date }
  | { status: 'failed'; providerReference: string | null; errorCode: string; message: string }
  | { status: 'pending'; providerReference: string | null; message: string };

/** Which charge to ask the provider about: by its reference when our call got one, else by our idempotency key / payment id. */
export interface LookupRequest {
  paymentId: string;
  providerReference: string | null;
  idempotencyKey: string;
  /** The payment's amount: a provider that cannot bind the charge to it beforehand (PayPal) checks what it took against it. */
  amount: Money;
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

/** A capture of (part of) an authorization. */
export interface CaptureRequest {
  paymentId: string;
  orderId: string;
  /** The provider's reference of the authorization (a PaymentIntent id). */
  providerReference: string;
  /** What to take now; never more than is still capturable. */
  amount: Money;
  /** The last capture: whatever is left of the authorization is released. */
  final: boolean;
  idempotencyKey: string;
}

export interface CaptureOutcome {
  /** The provider's reference of this capture (a charge, or the PaymentIntent when it has no separate one). */
  providerReference: string;
  /**
   * Whether the authorization is closed after this capture: asked for (`final`), or because the provider
   * cannot capture more than once (Stripe without multicapture: the rest is released).
   */
  closed: boolean;
}

export interface VoidRequest {
  paymentId: string;
  orderId: string;
  providerReference: string;
  idempotencyKey: string;
}

/** What the provider holds of an authorization now. */
export interface AuthorizationState {
  status: 'open' | 'captured' | 'voided' | 'expired';
  /** Still capturable, in minor units. */
  capturableAmount: number;
  /** Captured so far, in minor units. */
  capturedAmount: number;
  /** The provider's deadline for capturing. */
  expiresAt: Date | null;
}

/**
 * A refused capture or void: `code` is the provider's (Stripe's vocabulary: `amount_too_large`,
 * `charge_expired_for_capture`, `payment_intent_unexpected_state`). Nothing was moved.
 */
export class ProviderRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
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

/** A payment provider: the built-in simulated one, Stripe or PayPal (PAYMENTS_PROVIDER). */
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
  /** Holds the amount on the card without taking it: `authorized` (with the provider's expiry), `failed` or `pending`, as a charge. */
  authorize(request: ChargeRequest): Promise<ChargeOutcome>;
  /** Takes (part of) an authorization. A `ProviderRefusal` when the provider refuses (nothing moved); other errors leave the outcome unknown. */
  capture(request: CaptureRequest): Promise<CaptureOutcome>;
  /** Releases an authorization (nothing taken is given back: a captured part needs a refund). Voiding a voided one succeeds. */
  void(request: VoidRequest): Promise<void>;
  /** What the provider holds of an authorization now; null when it has none under this reference. */
  lookupAuthorization(request: LookupRequest): Promise<AuthorizationState | null>;
}

/** Error codes (Stripe's vocabulary) the services turn into userErrors. */
export const ProviderErrorCodes = {
  cardDeclined: 'card_declined',
  insufficientFunds: 'insufficient_funds',
  providerUnavailable: 'provider_unavailable',
  /** Stripe's: a capture of more than is capturable. */
  amountTooLarge: 'amount_too_large',
  /** Stripe's: the authorization expired before it was captured. */
  authorizationExpired: 'charge_expired_for_capture',
  /** Stripe's: the PaymentIntent is not in a state that allows the call (canceled, already captured). */
  unexpectedState: 'payment_intent_unexpected_state',
  refundFailed: 'refund_failed',
} as const;
