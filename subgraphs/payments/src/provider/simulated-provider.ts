import { createHash } from 'node:crypto';
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

interface Decline {
  errorCode: string;
  message: string;
}

const DECLINED: Decline = { errorCode: ProviderErrorCodes.cardDeclined, message: 'Your card was declined.' };
const INSUFFICIENT_FUNDS: Decline = { errorCode: ProviderErrorCodes.insufficientFunds, message: 'Your card has insufficient funds.' };

/** Stripe's test cards (https://docs.stripe.com/testing): null succeeds. Other Luhn-valid numbers succeed. */
const TEST_CARDS: Record<string, Decline | null> = {
  '4242424242424242': null,
  '5555555555554444': null,
  '4000000000000002': DECLINED,
  '4000000000009995': INSUFFICIENT_FUNDS,
  // Stripe's "refund fails": the charge succeeds, every refund of it fails
  '4000000000005126': null,
};

/** Stripe's test card whose charge succeeds and whose refunds fail (https://docs.stripe.com/testing#refunds). */
export const REFUND_FAILS_CARD = '4000000000005126';

/** Stripe's test tokens and payment methods; any other token is refused as input. */
const TEST_TOKENS: Record<string, Decline | null> = {
  tok_visa: null,
  tok_mastercard: null,
  tok_amex: null,
  tok_chargeDeclined: DECLINED,
  tok_chargeDeclinedInsufficientFunds: INSUFFICIENT_FUNDS,
  pm_card_visa: null,
  pm_card_mastercard: null,
  pm_card_chargeDeclined: DECLINED,
  pm_card_chargeDeclinedInsufficientFunds: INSUFFICIENT_FUNDS,
};

/**
 * Test cards that make the simulated provider misbehave the way a real one does, so the recovery paths
 * (retry, reconciliation, webhooks) can be exercised end to end. Stripe has no test cards for these; the
 * numbers are ours (Luhn-valid, unused by Stripe's test mode).
 */
export const FAILURE_CARDS = {
  /** The charge succeeds at the provider but its answer never arrives in time: our call ends without an outcome. */
  timeout: '4000000000000291',
  /** The first call of a charge is refused with a 429 (nothing charged); a retry with the same key succeeds. */
  rateLimited: '4000000000000309',
  /** The provider answers "processing"; the success comes later, by webhook (after `webhookDelayMs`, or when a test flushes it). */
  delayedWebhook: '4000000000000317',
} as const;

/** Receives the simulated provider's webhooks: what it later reports about a payment's charge. */
export type SimulatedWebhookListener = (paymentId: string, outcome: ChargeOutcome) => Promise<unknown>;

function reference(prefix: string, idempotencyKey: string): string {
  return `${prefix}_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24)}`;
}

/** Stripe's: an online card authorization can be captured for 7 days. */
export const STRIPE_AUTHORIZATION_TTL_MS = 7 * 86_400_000;

/** An authorization the simulated provider holds, as Stripe holds a `requires_capture` PaymentIntent. */
interface HeldAuthorization {
  amount: number;
  captured: number;
  expiresAt: Date;
  closed: 'captured' | 'voided' | null;
  /** Captures already made, by idempotency key: a retried capture answers the same. */
  captures: Map<string, CaptureOutcome>;
}

export interface SimulatedProviderOptions {
  latencyMs?: number;
  webhookDelayMs?: number;
  /** How long an authorization can be captured (Stripe: 7 days for online card payments). */
  authorizationTtlMs?: number;
  /** The provider's clock (tests move it to expire authorizations). */
  now?: () => Date;
}

/**
 * A provider that moves no money and behaves like Stripe's test mode, so the whole saga runs on a
 * laptop and in CI. References derive from the idempotency key: a retried call answers the same.
 * Authorizations behave as Stripe's manual-capture PaymentIntents with multicapture available: several
 * partial captures until a final one, voidable until captured in full, not capturable after they expire.
 */
export class SimulatedProvider implements PaymentProvider {
  readonly name = 'simulated' as const;
  /** The provider's own record of every charge it made, by idempotency key (what `lookup` answers from). Kept in memory: one process. */
  private readonly charges = new Map<string, ChargeOutcome>();
  private readonly webhooks = new Map<string, { paymentId: string; outcome: ChargeOutcome; timer: NodeJS.Timeout }>();
  private listener: SimulatedWebhookListener | null = null;
  private readonly authorizations = new Map<string, HeldAuthorization>();
  private readonly latencyMs: number;
  private readonly webhookDelayMs: number;
  private readonly authorizationTtlMs: number;
  private readonly now: () => Date;
  /** Charges (by provider reference) made with REFUND_FAILS_CARD whose refunds fail, until `liftRefundFailure`. */
  private readonly refundsFail = new Set<string>();

  constructor(options: SimulatedProviderOptions = {}) {
    this.latencyMs = options.latencyMs ?? 0;
    this.webhookDelayMs = options.webhookDelayMs ?? 2000;
    this.authorizationTtlMs = options.authorizationTtlMs ?? STRIPE_AUTHORIZATION_TTL_MS;
    this.now = options.now ?? (() => new Date());
  }

  /** Where delayed webhooks go (the subgraph binds this at start). */
  deliverWebhooksTo(listener: SimulatedWebhookListener | null): void {
    this.listener = listener;
  }

  /** Delivers every delayed webhook now (tests), and waits for them to be applied. */
  async deliverDelayedWebhooks(): Promise<void> {
    const due = [...this.webhooks.keys()];
    await Promise.all(due.map((key) => this.deliverWebhook(key)));
  }

  /** Forgets pending webhooks (the subgraph stops). */
  stop(): void {
    for (const { timer } of this.webhooks.values()) clearTimeout(timer);
    this.webhooks.clear();
  }

  checkMethod(method: PaymentMethod): FieldError[] {
    if (method.token && !Object.hasOwn(TEST_TOKENS, method.token)) {
      return [{ field: ['input', 'paymentMethod', 'token'], message: `token must be one of the test tokens: ${Object.keys(TEST_TOKENS).join(', ')}` }];
    }
    return [];
  }

  charge(request: ChargeRequest): Promise<ChargeOutcome> {
    return this.call(request, (providerReference) => ({ status: 'succeeded', providerReference }));
  }

  /** As `charge`, but the amount is held (a manual-capture PaymentIntent in `requires_capture`). */
  authorize(request: ChargeRequest): Promise<ChargeOutcome> {
    return this.call(request, (providerReference) => {
      const expiresAt = new Date(this.now().getTime() + this.authorizationTtlMs);
      this.authorizations.set(providerReference, { amount: request.amount.amount, captured: 0, expiresAt, closed: null, captures: new Map() });
      return { status: 'authorized', providerReference, expiresAt };
    });
  }

  async capture(request: CaptureRequest): Promise<CaptureOutcome> {
    await this.delay();
    const held = this.authorizationOf(request.providerReference);
    const replayed = held.captures.get(request.idempotencyKey);
    if (replayed) return replayed;
    if (held.closed) throw new ProviderRefusal(ProviderErrorCodes.unexpectedState, `This authorization is already ${held.closed}`);
    if (held.expiresAt <= this.now()) throw new ProviderRefusal(ProviderErrorCodes.authorizationExpired, 'The authorization expired before it was captured');
    if (request.amount.amount <= 0 || request.amount.amount > held.amount - held.captured) {
      throw new ProviderRefusal(ProviderErrorCodes.amountTooLarge, `Cannot capture ${request.amount.amount}: ${held.amount - held.captured} is capturable`);
    }
    held.captured += request.amount.amount;
    const closed = request.final || held.captured === held.amount;
    if (closed) held.closed = 'captured';
    const outcome: CaptureOutcome = { providerReference: reference('sim_ch', request.idempotencyKey), closed };
    held.captures.set(request.idempotencyKey, outcome);
    return outcome;
  }

  async void(request: VoidRequest): Promise<void> {
    await this.delay();
    const held = this.authorizationOf(request.providerReference);
    if (held.closed === 'voided') return;
    if (held.closed === 'captured') throw new ProviderRefusal(ProviderErrorCodes.unexpectedState, 'This authorization is captured; refund it instead');
    held.closed = 'voided';
  }

  async lookupAuthorization(request: LookupRequest): Promise<AuthorizationState | null> {
    await this.delay();
    const held = request.providerReference ? this.authorizations.get(request.providerReference) : undefined;
    if (!held) return null;
    const expired = !held.closed && held.expiresAt <= this.now();
    const status = held.closed ?? (expired ? 'expired' : 'open');
    const capturableAmount = status === 'open' ? held.amount - held.captured : 0;
    return { status, capturableAmount, capturedAmount: held.captured, expiresAt: held.expiresAt };
  }

  private authorizationOf(providerReference: string): HeldAuthorization {
    const held = this.authorizations.get(providerReference);
    if (!held) throw new ProviderRefusal('resource_missing', `No such authorization: ${providerReference}`);
    return held;
  }

  /** A charge or an authorization: the same test cards, failure cards and idempotent replays; `success` makes the outcome of an accepted card. */
  private async call(request: ChargeRequest, success: (providerReference: string) => ChargeOutcome): Promise<ChargeOutcome> {
    await this.delay();
    const { cardNumber, token } = request.method;
    const providerReference = reference('sim_pi', request.idempotencyKey);
    // the same key is the same charge: answered from the record, as Stripe replays an idempotent request
    const recorded = this.charges.get(request.idempotencyKey);
    if (recorded) return recorded;

    if (cardNumber === FAILURE_CARDS.rateLimited && !this.rateLimitedOnce.has(request.idempotencyKey)) {
      this.rateLimitedOnce.add(request.idempotencyKey);
      return { status: 'pending', providerReference: null, message: 'The payment provider is rate limiting requests (429); nothing was charged yet' };
    }
    const decline = token ? TEST_TOKENS[token] : (TEST_CARDS[cardNumber ?? ''] ?? null);
    const outcome: ChargeOutcome = decline ? { status: 'failed', providerReference, ...decline } : success(providerReference);
    this.charges.set(request.idempotencyKey, outcome);
    if (cardNumber === REFUND_FAILS_CARD) this.refundsFail.add(providerReference);

    if (cardNumber === FAILURE_CARDS.timeout) {
      return { status: 'pending', providerReference: null, message: 'The payment provider did not answer in time; the outcome will follow' };
    }
    if (cardNumber === FAILURE_CARDS.delayedWebhook) {
      this.scheduleWebhook(request.idempotencyKey, request.paymentId, outcome);
      return { status: 'pending', providerReference, message: 'The payment provider is processing the payment; the outcome will follow' };
    }
    return outcome;
  }

  async lookup(request: LookupRequest): Promise<ChargeOutcome | null> {
    await this.delay();
    return this.charges.get(request.idempotencyKey) ?? null;
  }

  async refund(request: RefundRequest): Promise<RefundOutcome> {
    await this.delay();
    if (this.refundsFail.has(request.providerReference)) {
      throw new RefundRefusedError(ProviderErrorCodes.refundFailed, 'The refund failed: the card issuer refused it.');
    }
    return { providerReference: reference('sim_re', request.idempotencyKey) };
  }

  /** Lets the refunds of a REFUND_FAILS_CARD charge succeed from now on (tests: the failure mode is lifted). */
  liftRefundFailure(providerReference: string): void {
    this.refundsFail.delete(providerReference);
  }

  private readonly rateLimitedOnce = new Set<string>();

  private scheduleWebhook(key: string, paymentId: string, outcome: ChargeOutcome): void {
    const timer = setTimeout(() => void this.deliverWebhook(key), this.webhookDelayMs);
    timer.unref();
    this.webhooks.set(key, { paymentId, outcome, timer });
  }

  private async deliverWebhook(key: string): Promise<void> {
    const webhook = this.webhooks.get(key);
    if (!webhook) return;
    this.webhooks.delete(key);
    clearTimeout(webhook.timer);
    await this.listener?.(webhook.paymentId, webhook.outcome);
  }

  private async delay(): Promise<void> {
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
  }
}
