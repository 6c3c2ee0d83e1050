import { ConfigError, envReader, readNodeEnv, type Env } from '@ultramarket/kit';

export const PAYMENT_PROVIDERS = ['simulated', 'stripe'] as const;
export type PaymentProviderName = (typeof PAYMENT_PROVIDERS)[number];

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  /** Where the Stripe client sends API calls instead of https://api.stripe.com (tests, proxies). */
  apiBaseUrl: string | undefined;
}

/** What the payments subgraph reads from its environment, besides the kit's variables. */
export interface PaymentsConfig {
  provider: PaymentProviderName;
  /** How long processPayment waits for an order it does not know yet (events are asynchronous). */
  orderWaitMs: number;
  /** Present when `provider` is `stripe`. */
  stripe: StripeSettings | null;
}

export function loadPaymentsConfig(env: Env = process.env): PaymentsConfig {
  const read = envReader(env);
  const provider = read.oneOf('PAYMENTS_PROVIDER', PAYMENT_PROVIDERS, 'simulated');
  const allowSimulatedInProduction = read.bool('PAYMENTS_ALLOW_SIMULATED_IN_PRODUCTION', false);
  // the simulated provider "pays" every order without taking money: a shop on the internet must not start with it by accident
  if (provider === 'simulated' && readNodeEnv(env) === 'production' && !allowSimulatedInProduction) {
    throw new ConfigError(
      'PAYMENTS_PROVIDER',
      'is simulated (the default) with NODE_ENV=production: orders would be paid without taking any money. ' +
        'Configure Stripe (PAYMENTS_PROVIDER=stripe, STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET), or set PAYMENTS_ALLOW_SIMULATED_IN_PRODUCTION=true ' +
        'for a deployment that must never take real orders (benchmarks, demos)',
    );
  }
  return {
    provider,
    orderWaitMs: read.int('PAYMENTS_ORDER_WAIT_MS', 5000, { min: 0, max: 60_000 }),
    stripe: provider === 'stripe' ? readStripeSettings(env) : null,
  };
}

function readStripeSettings(env: Env): StripeSettings {
  const read = envReader(env);
  const secretKey = read.string('STRIPE_SECRET_KEY');
  if (!/^(sk|rk)_/.test(secretKey)) throw new ConfigError('STRIPE_SECRET_KEY', 'must be a Stripe secret or restricted key (sk_… or rk_…)');
  const webhookSecret = read.string('STRIPE_WEBHOOK_SECRET');
  if (!webhookSecret.startsWith('whsec_')) throw new ConfigError('STRIPE_WEBHOOK_SECRET', 'must be a webhook signing secret (whsec_…)');
  const apiBaseUrl = read.optionalString('STRIPE_API_BASE_URL') === undefined ? undefined : read.url('STRIPE_API_BASE_URL', '', ['http', 'https']);
  return { secretKey, webhookSecret, apiBaseUrl };
}
