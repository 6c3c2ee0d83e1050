import Stripe from 'stripe';
import type { FieldError } from '@ultramarket/kit';
import {
  ProviderErrorCodes,
  ProviderRefusal,
  type AuthorizationState,
  type CaptureOutcome,
  type CaptureRequest,
  type ChargeOutcome,
  type ChargeRequest,
  type LookupRequest,
  type PaymentMethod,
  type PaymentProvider,
  RefundRefusedError,
  type RefundOutcome,
  type RefundRequest,
  type VoidRequest,
} from './payment-provider';

/** Stripe's capture window for an online card authorization when the charge does not say (`capture_before`). */
const DEFAULT_AUTHORIZATION_TTL_MS = 7 * 86_400_000;

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

  charge(request: ChargeRequest): Promise<ChargeOutcome> {
    return this.createIntent(request, {});
  }

  /**
   * A manual-capture PaymentIntent (`capture_method: 'manual'`), asking for multicapture where the card
   * network allows it (`request_multicapture: 'if_available'`), so each shipment can capture its share.
   * https://docs.stripe.com/payments/place-a-hold-on-a-payment-method, https://docs.stripe.com/payments/multicapture
   */
  authorize(request: ChargeRequest): Promise<ChargeOutcome> {
    return this.createIntent(request, {
      capture_method: 'manual',
      payment_method_options: { card: { request_multicapture: 'if_available' } },
      expand: ['latest_charge'],
    });
  }

  /**
   * `paymentIntents.capture` with `amount_to_capture`. A partial capture that is not the last one passes
   * `final_capture: false` when the charge has multicapture available; without it Stripe allows only one
   * capture, so that capture is final and Stripe releases the rest of the hold (`closed`): the order's later
   * shipments are then not paid by this payment, which staff see as a PARTIALLY_PAID order.
   */
  async capture(request: CaptureRequest): Promise<CaptureOutcome> {
    try {
      const before = await this.stripe.paymentIntents.retrieve(request.providerReference, { expand: ['latest_charge'] });
      const multicapture = cardOf(before)?.multicapture?.status === 'available';
      const keepOpen = !request.final && multicapture;
      const intent = await this.stripe.paymentIntents.capture(
        request.providerReference,
        { amount_to_capture: request.amount.amount, ...(keepOpen && { final_capture: false }), expand: ['latest_charge'] },
        { idempotencyKey: request.idempotencyKey },
      );
      const charge = intent.latest_charge;
      return { providerReference: typeof charge === 'string' ? charge : (charge?.id ?? intent.id), closed: intent.status !== 'requires_capture' };
    } catch (error) {
      throw refusalOf(error);
    }
  }

  /** `paymentIntents.cancel`; an intent canceled already (by us, or by Stripe when the hold expired) counts as voided. */
  async void(request: VoidRequest): Promise<void> {
    try {
      await this.stripe.paymentIntents.cancel(request.providerReference, { cancellation_reason: 'abandoned' }, { idempotencyKey: request.idempotencyKey });
    } catch (error) {
      const intent = await this.stripe.paymentIntents.retrieve(request.providerReference).catch(() => null);
      if (intent?.status === 'canceled') return;
      throw refusalOf(error);
    }
  }

  async lookupAuthorization(request: LookupRequest): Promise<AuthorizationState | null> {
    if (!request.providerReference) return null;
    const intent = await this.stripe.paymentIntents.retrieve(request.providerReference, { expand: ['latest_charge'] });
    const expiresAt = captureBeforeOf(intent);
    const captured = intent.amount_received ?? 0;
    if (intent.status === 'requires_capture') {
      const expired = expiresAt !== null && expiresAt <= new Date();
      return { status: expired ? 'expired' : 'open', capturableAmount: expired ? 0 : intent.amount_capturable, capturedAmount: captured, expiresAt };
    }
    if (intent.status === 'succeeded') return { status: 'captured', capturableAmount: 0, capturedAmount: captured, expiresAt };
    if (intent.status === 'canceled') return { status: captured > 0 ? 'captured' : 'voided', capturableAmount: 0, capturedAmount: captured, expiresAt };
    return null;
  }

  private async createIntent(request: ChargeRequest, capture: Partial<Stripe.PaymentIntentCreateParams>): Promise<ChargeOutcome> {
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
          ...capture,
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
    case 'requires_capture':
      return { status: 'authorized', providerReference: intent.id, expiresAt: captureBeforeOf(intent) ?? new Date(Date.now() + DEFAULT_AUTHORIZATION_TTL_MS) };
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

/** The card details of the intent's charge, when it was expanded (`expand: ['latest_charge']`). */
function cardOf(intent: Stripe.PaymentIntent): Stripe.Charge.PaymentMethodDetails.Card | null {
  const charge = intent.latest_charge;
  return typeof charge === 'object' && charge !== null ? (charge.payment_method_details?.card ?? null) : null;
}

/** Stripe's deadline for capturing the hold (`capture_before`, Unix seconds), when the charge says. */
function captureBeforeOf(intent: Stripe.PaymentIntent): Date | null {
  const before = cardOf(intent)?.capture_before;
  return typeof before === 'number' ? new Date(before * 1000) : null;
}

/** Stripe refused the request (it moved nothing): a ProviderRefusal with its code. Anything else stays unknown and propagates. */
function refusalOf(error: unknown): unknown {
  if (error instanceof Stripe.errors.StripeInvalidRequestError && !(error instanceof Stripe.errors.StripeIdempotencyError)) {
    return new ProviderRefusal(error.code ?? 'invalid_request', error.message);
  }
  if (error instanceof Stripe.errors.StripeCardError) return new ProviderRefusal(error.code ?? ProviderErrorCodes.cardDeclined, error.message);
  return error;
}
