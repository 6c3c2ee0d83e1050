import { ConfigError, envReader, readNodeEnv, type Env } from '@ultramarket/kit';

export const PAYMENT_PROVIDERS = ['simulated', 'stripe', 'paypal'] as const;
export type PaymentProviderName = (typeof PAYMENT_PROVIDERS)[number];

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  /** Where the Stripe client sends API calls instead of https://api.stripe.com (tests, proxies). */
  apiBaseUrl: string | undefined;
  /** How long one API call may take before the client gives up (the outcome is then unknown: the payment stays PENDING). */
  timeoutMs: number;
}

export const PAYPAL_ENVIRONMENTS = ['sandbox', 'production'] as const;
export type PayPalEnvironment = (typeof PAYPAL_ENVIRONMENTS)[number];

export interface PayPalSettings {
  clientId: string;
  clientSecret: string;
  /** `sandbox` (api-m.sandbox.paypal.com, no real money) or `production` (api-m.paypal.com). */
  environment: PayPalEnvironment;
  /** The id PayPal gave our webhook subscription: the verify-webhook-signature call names it. */
  webhookId: string;
  /** Where API calls go instead of the environment's host (tests, proxies). */
  apiBaseUrl: string | undefined;
  /** How long one API call may take before the client gives up (the outcome is then unknown: the payment stays PENDING). */
  timeoutMs: number;
}

/** The reconciliation job: who asks the provider about PENDING payments, when, and how often. */
export interface ReconcileSettings {
  /** A payment PENDING longer than this is asked of the provider (longer than any call takes, and than Stripe's search lag). */
  afterSeconds: number;
  /** How often the sweep runs. */
  intervalSeconds: number;
  /** The wait after the first attempt; it doubles with each attempt, up to `backoffCapSeconds`. */
  backoffSeconds: number;
  backoffCapSeconds: number;
  /** Attempts after which a payment the provider still cannot settle becomes NEEDS_REVIEW for staff. */
  maxAttempts: number;
}

/** How a refund the provider refuses is tried again before it is reported failed (payments.refund-failed). */
export interface RefundRetrySettings {
  /** Provider calls per refund request before it is FAILED. */
  maxAttempts: number;
  /** The wait after the first failed call; it doubles with each call, up to an hour. */
  backoffSeconds: number;
}

/** What the payments subgraph reads from its environment, besides the kit's variables. */
export interface PaymentsConfig {
  provider: PaymentProviderName;
  /** How long processPayment waits for an order it does not know yet (events are asynchronous). */
  orderWaitMs: number;
  /** Present when `provider` is `stripe`. */
  stripe: StripeSettings | null;
  /** Present when `provider` is `paypal`. */
  paypal: PayPalSettings | null;
  reconcile: ReconcileSettings;
  /** How often open authorizations past their provider deadline are voided. */
  authorizationExpiryIntervalSeconds: number;
  /** How long the simulated provider's authorizations can be captured (Stripe: 7 days). */
  simulatedAuthorizationTtlSeconds: number;
  refunds: RefundRetrySettings;
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
        'Configure Stripe (PAYMENTS_PROVIDER=stripe, STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET) or PayPal (PAYMENTS_PROVIDER=paypal), or set PAYMENTS_ALLOW_SIMULATED_IN_PRODUCTION=true ' +
        'for a deployment that must never take real orders (benchmarks, demos)',
    );
  }
  return {
    provider,
    orderWaitMs: read.int('PAYMENTS_ORDER_WAIT_MS', 5000, { min: 0, max: 60_000 }),
    stripe: provider === 'stripe' ? readStripeSettings(env) : null,
    paypal: provider === 'paypal' ? readPayPalSettings(env, allowSimulatedInProduction) : null,
    reconcile: {
      afterSeconds: read.int('PAYMENTS_RECONCILE_AFTER_SECONDS', 300, { min: 0, max: 7 * 86_400 }),
      intervalSeconds: read.int('PAYMENTS_RECONCILE_INTERVAL_SECONDS', 60, { min: 1, max: 86_400 }),
      backoffSeconds: read.int('PAYMENTS_RECONCILE_BACKOFF_SECONDS', 60, { min: 0, max: 86_400 }),
      backoffCapSeconds: read.int('PAYMENTS_RECONCILE_BACKOFF_CAP_SECONDS', 3600, { min: 0, max: 7 * 86_400 }),
      maxAttempts: read.int('PAYMENTS_RECONCILE_MAX_ATTEMPTS', 10, { min: 1, max: 1000 }),
    },
    authorizationExpiryIntervalSeconds: read.int('PAYMENTS_AUTHORIZATION_EXPIRY_INTERVAL_SECONDS', 300, { min: 1, max: 86_400 }),
    simulatedAuthorizationTtlSeconds: read.int('PAYMENTS_SIMULATED_AUTHORIZATION_TTL_SECONDS', 7 * 86_400, { min: 1, max: 30 * 86_400 }),
    refunds: {
      maxAttempts: read.int('PAYMENTS_REFUND_MAX_ATTEMPTS', 5, { min: 1, max: 100 }),
      backoffSeconds: read.int('PAYMENTS_REFUND_BACKOFF_SECONDS', 30, { min: 1, max: 86_400 }),
    },
  };
}

function readStripeSettings(env: Env): StripeSettings {
  const read = envReader(env);
  const secretKey = read.string('STRIPE_SECRET_KEY');
  if (!/^(sk|rk)_/.test(secretKey)) throw new ConfigError('STRIPE_SECRET_KEY', 'must be a Stripe secret or restricted key (sk_… or rk_…)');
  const webhookSecret = read.string('STRIPE_WEBHOOK_SECRET');
  if (!webhookSecret.startsWith('whsec_')) throw new ConfigError('STRIPE_WEBHOOK_SECRET', 'must be a webhook signing secret (whsec_…)');
  const apiBaseUrl = read.optionalString('STRIPE_API_BASE_URL') === undefined ? undefined : read.url('STRIPE_API_BASE_URL', '', ['http', 'https']);
  const timeoutMs = read.int('STRIPE_TIMEOUT_MS', 20_000, { min: 100, max: 120_000 });
  return { secretKey, webhookSecret, apiBaseUrl, timeoutMs };
}

/**
 * PayPal's REST credentials. Every environment needs the client secret (no call can be made without it); with
 * NODE_ENV=production the sandbox, which takes no real money, is refused like the simulated provider unless
 * PAYMENTS_ALLOW_SIMULATED_IN_PRODUCTION=true.
 */
function readPayPalSettings(env: Env, allowSimulatedInProduction: boolean): PayPalSettings {
  const read = envReader(env);
  const clientId = read.string('PAYPAL_CLIENT_ID');
  const clientSecret = read.optionalString('PAYPAL_CLIENT_SECRET');
  if (clientSecret === undefined)
    throw new ConfigError('PAYPAL_CLIENT_SECRET', 'is required with PAYMENTS_PROVIDER=paypal (the REST app secret, paired with PAYPAL_CLIENT_ID)');
  const environment = read.oneOf('PAYPAL_ENVIRONMENT', PAYPAL_ENVIRONMENTS, 'sandbox');
  if (environment === 'sandbox' && readNodeEnv(env) === 'production' && !allowSimulatedInProduction) {
    throw new ConfigError(
      'PAYPAL_ENVIRONMENT',
      'is sandbox with NODE_ENV=production: orders would be paid without taking any money. Set PAYPAL_ENVIRONMENT=production, ' +
        'or PAYMENTS_ALLOW_SIMULATED_IN_PRODUCTION=true for a deployment that must never take real orders',
    );
  }
  const webhookId = read.string('PAYPAL_WEBHOOK_ID');
  const apiBaseUrl = read.optionalString('PAYPAL_API_BASE_URL') === undefined ? undefined : read.url('PAYPAL_API_BASE_URL', '', ['http', 'https']);
  const timeoutMs = read.int('PAYPAL_TIMEOUT_MS', 20_000, { min: 100, max: 120_000 });
  return { clientId, clientSecret, environment, webhookId, apiBaseUrl, timeoutMs };
}
