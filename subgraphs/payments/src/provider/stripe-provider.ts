import Stripe from 'stripe';
import type { FieldError } from '@ultramarket/kit';
import {
  ProviderErrorCodes,
  type ChargeOutcome,
  type ChargeRequest,
  type LookupRequest,
  type PaymentMethod,
  type PaymentProvider,
  RefundRefusedError,
  type RefundOutcome,
  type RefundRequest,
} from './payment-provider';

/** Stripe PaymentMethod ids (`pm_…`, from Stripe.js / Elements) or legacy card tokens (`tok_…`). */
const STRIPE_TOKEN = /^(pm|tok)_[A-Za-z0-9_]+$/;

/**
 * Stripe: one PaymentIntent per payment, created and confirmed in one call with our idempotency
 * key, card only and no redirects (3-D Secure cannot be completed server-side: such a card fails).
 */
export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe' as const;

  constructor(private readonly stripe: Stripe) {}

  checkMethod(method: PaymentMethod): FieldError[] {
    if (method.cardNumber) {
      // raw card numbers would put this service in PCI DSS scope: Stripe.js tokenizes them in the browser
      return [
        { field: ['input', 'paymentMethod', 'cardNumber'], message: 'card numbers are not accepted with Stripe; send a token from Stripe.js (pm_… or tok_…)' },
      ];
    }
    if (method.token && !STRIPE_TOKEN.test(method.token)) {
      return [{ field: ['input', 'paymentMethod', 'token'], message: 'token must be a Stripe PaymentMethod id (pm_…) or card token (tok_…)' }];
    }
    return [];
  }

  async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    try {
      const paymentMethod = await this.paymentMethodOf(request);
      const intent = await this.stripe.paymentIntents.create(
        {
          amount: request.amount.amount,
          currency: request.amount.currencyCode.toLowerCase(),
          payment_method: paymentMethod,
          confirm: true,
          automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
          error_on_requires_action: true,
          metadata: { orderId: request.orderId, paymentId: request.paymentId },
        },
        { idempotencyKey: request.idempotencyKey },
      );
      return chargeOutcomeOf(intent);
    } catch (error) {
      return chargeOutcomeOfError(error);
    }
  }

  /**
   * The PaymentIntent by its id when our call got one; otherwise found by the `paymentId` metadata every one
   * of ours carries (Stripe's search, which may lag a minute behind: reconciliation waits longer than that
   * before it asks, and "not found" only means "ask again later"). Errors propagate: the caller retries later.
   */
  async lookup(request: LookupRequest): Promise<ChargeOutcome | null> {
    if (request.providerReference) return chargeOutcomeOf(await this.stripe.paymentIntents.retrieve(request.providerReference));
    // paymentId is a UUID: nothing in it can escape the quoted search term
    const found = await this.stripe.paymentIntents.search({ query: `metadata['paymentId']:'${request.paymentId}'`, limit: 1 });
    const [intent] = found.data;
    return intent ? chargeOutcomeOf(intent) : null;
  }

  async refund(request: RefundRequest): Promise<RefundOutcome> {
    try {
      const refund = await this.stripe.refunds.create(
        {
          payment_intent: request.providerReference,
          amount: request.amount.amount,
          metadata: { orderId: request.orderId, paymentId: request.paymentId, reason: request.reason.slice(0, 500) },
        },
        { idempotencyKey: request.idempotencyKey },
      );
      if (refund.status === 'failed' || refund.status === 'canceled') {
        throw new RefundRefusedError(refund.failure_reason ?? ProviderErrorCodes.refundFailed, `Stripe refund ${refund.id} ended ${refund.status}`);
      }
      return { providerReference: refund.id };
    } catch (error) {
      // refunded already (e.g. from the dashboard): the money is back, which is what we wanted
      if (error instanceof Stripe.errors.StripeError && error.code === 'charge_already_refunded') return { providerReference: request.providerReference };
      // Stripe answered and said no (a disputed charge, an amount over what is left, a balance too low): a refusal with its code
      if (error instanceof Stripe.errors.StripeInvalidRequestError || error instanceof Stripe.errors.StripeCardError) {
        throw new RefundRefusedError(error.code ?? ProviderErrorCodes.refundFailed, error.message);
      }
      throw error;
    }
  }

  /** A `tok_…` becomes a PaymentMethod first (Stripe's documented path for legacy tokens). */
  private async paymentMethodOf(request: ChargeRequest): Promise<string> {
    const token = request.method.token ?? '';
    if (token.startsWith('pm_')) return token;
    const created = await this.stripe.paymentMethods.create({ type: 'card', card: { token } }, { idempotencyKey: `${request.idempotencyKey}-payment-method` });
    return created.id;
  }
}

export function chargeOutcomeOf(intent: Stripe.PaymentIntent): ChargeOutcome {
  switch (intent.status) {
    case 'succeeded':
      return { status: 'succeeded', providerReference: intent.id };
    case 'requires_payment_method':
    case 'requires_action':
    case 'canceled':
      return { status: 'failed', providerReference: intent.id, ...declineOf(intent.last_payment_error) };
    default:
      return { status: 'pending', providerReference: intent.id, message: `Stripe is still processing the payment (${intent.status})` };
  }
}

/** Card declines are final; so are refused requests (nothing was charged). Anything else is unknown. */
function chargeOutcomeOfError(error: unknown): ChargeOutcome {
  if (error instanceof Stripe.errors.StripeCardError) {
    return { status: 'failed', providerReference: error.payment_intent?.id ?? null, ...declineOf(error) };
  }
  if (error instanceof Stripe.errors.StripeInvalidRequestError && !(error instanceof Stripe.errors.StripeIdempotencyError)) {
    return { status: 'failed', providerReference: error.payment_intent?.id ?? null, errorCode: error.code ?? 'invalid_request', message: error.message };
  }
  if (error instanceof Stripe.errors.StripeAuthenticationError || error instanceof Stripe.errors.StripePermissionError) {
    return {
      status: 'failed',
      providerReference: null,
      errorCode: ProviderErrorCodes.providerUnavailable,
      message: 'The payment provider refused our credentials',
    };
  }
  if (error instanceof Stripe.errors.StripeRateLimitError) {
    // Stripe did not process the request: nothing was charged, and a retry with the same key is safe
    return {
      status: 'pending',
      providerReference: null,
      message: 'The payment provider is rate limiting requests; nothing was charged yet, try again shortly',
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 'pending', providerReference: null, message: `The payment provider did not answer (${message}); the outcome will follow` };
}

function declineOf(error: { code?: string | null; decline_code?: string | null; message?: string | null } | null | undefined) {
  const errorCode =
    error?.decline_code === ProviderErrorCodes.insufficientFunds ? ProviderErrorCodes.insufficientFunds : (error?.code ?? ProviderErrorCodes.cardDeclined);
  return { errorCode, message: error?.message ?? 'Your card was declined.' };
}
