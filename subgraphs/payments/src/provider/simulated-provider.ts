import { createHash } from 'node:crypto';
import type { FieldError } from '@ultramarket/kit';
import {
  ProviderErrorCodes,
  type ChargeOutcome,
  type ChargeRequest,
  type PaymentMethod,
  type PaymentProvider,
  type RefundOutcome,
  type RefundRequest,
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
};

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

function reference(prefix: string, idempotencyKey: string): string {
  return `${prefix}_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24)}`;
}

/**
 * A provider that moves no money and behaves like Stripe's test mode, so the whole saga runs on a
 * laptop and in CI. References derive from the idempotency key: a retried call answers the same.
 */
export class SimulatedProvider implements PaymentProvider {
  readonly name = 'simulated' as const;

  constructor(private readonly latencyMs = 0) {}

  checkMethod(method: PaymentMethod): FieldError[] {
    if (method.token && !Object.hasOwn(TEST_TOKENS, method.token)) {
      return [{ field: ['input', 'paymentMethod', 'token'], message: `token must be one of the test tokens: ${Object.keys(TEST_TOKENS).join(', ')}` }];
    }
    return [];
  }

  async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    await this.delay();
    const { cardNumber, token } = request.method;
    const decline = token ? TEST_TOKENS[token] : (TEST_CARDS[cardNumber ?? ''] ?? null);
    const providerReference = reference('sim_pi', request.idempotencyKey);
    if (decline) return { status: 'failed', providerReference, ...decline };
    return { status: 'succeeded', providerReference };
  }

  async refund(request: RefundRequest): Promise<RefundOutcome> {
    await this.delay();
    return { providerReference: reference('sim_re', request.idempotencyKey) };
  }

  private async delay(): Promise<void> {
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
  }
}
