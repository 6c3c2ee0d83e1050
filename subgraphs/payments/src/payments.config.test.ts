import { ConfigError } from '@ultramarket/kit';
import { loadPaymentsConfig } from './payments.config';

describe('loadPaymentsConfig', () => {
  it('defaults to the simulated provider, a five-second wait for orders, and reconciliation after five minutes', () => {
    expect(loadPaymentsConfig({})).toEqual({
      provider: 'simulated',
      orderWaitMs: 5000,
      stripe: null,
      paypal: null,
      reconcile: { afterSeconds: 300, intervalSeconds: 60, backoffSeconds: 60, backoffCapSeconds: 3600, maxAttempts: 10 },
      authorizationExpiryIntervalSeconds: 300,
      simulatedAuthorizationTtlSeconds: 7 * 86_400,
      refunds: { maxAttempts: 5, backoffSeconds: 30 },
    });
  });

  it('reads the authorization expiry settings and refuses ones out of range', () => {
    const config = loadPaymentsConfig({ PAYMENTS_AUTHORIZATION_EXPIRY_INTERVAL_SECONDS: '30', PAYMENTS_SIMULATED_AUTHORIZATION_TTL_SECONDS: '600' });
    expect(config).toMatchObject({ authorizationExpiryIntervalSeconds: 30, simulatedAuthorizationTtlSeconds: 600 });
    expect(() => loadPaymentsConfig({ PAYMENTS_AUTHORIZATION_EXPIRY_INTERVAL_SECONDS: '0' })).toThrow(ConfigError);
    expect(() => loadPaymentsConfig({ PAYMENTS_SIMULATED_AUTHORIZATION_TTL_SECONDS: 'a week' })).toThrow(ConfigError);
  });

  it('reads the refund retry settings and refuses ones out of range', () => {
    expect(loadPaymentsConfig({ PAYMENTS_REFUND_MAX_ATTEMPTS: '3', PAYMENTS_REFUND_BACKOFF_SECONDS: '1' }).refunds).toEqual({
      maxAttempts: 3,
      backoffSeconds: 1,
    });
    expect(() => loadPaymentsConfig({ PAYMENTS_REFUND_MAX_ATTEMPTS: '0' })).toThrow(ConfigError);
    expect(() => loadPaymentsConfig({ PAYMENTS_REFUND_BACKOFF_SECONDS: '0' })).toThrow(ConfigError);
  });

  it('reads the reconciliation settings and refuses ones out of range', () => {
    expect(
      loadPaymentsConfig({
        PAYMENTS_RECONCILE_AFTER_SECONDS: '30',
        PAYMENTS_RECONCILE_INTERVAL_SECONDS: '5',
        PAYMENTS_RECONCILE_BACKOFF_SECONDS: '10',
        PAYMENTS_RECONCILE_BACKOFF_CAP_SECONDS: '600',
        PAYMENTS_RECONCILE_MAX_ATTEMPTS: '4',
      }).reconcile,
    ).toEqual({ afterSeconds: 30, intervalSeconds: 5, backoffSeconds: 10, backoffCapSeconds: 600, maxAttempts: 4 });
    expect(() => loadPaymentsConfig({ PAYMENTS_RECONCILE_MAX_ATTEMPTS: '0' })).toThrow(ConfigError);
    expect(() => loadPaymentsConfig({ PAYMENTS_RECONCILE_INTERVAL_SECONDS: 'soon' })).toThrow(ConfigError);
  });

  it('reads the Stripe settings when Stripe is the provider', () => {
    const config = loadPaymentsConfig({
      PAYMENTS_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: 'sk_test_123',
      STRIPE_WEBHOOK_SECRET: 'whsec_456',
      STRIPE_API_BASE_URL: 'http://127.0.0.1:12111',
    });
    expect(config.stripe).toEqual({ secretKey: 'sk_test_123', webhookSecret: 'whsec_456', apiBaseUrl: 'http://127.0.0.1:12111', timeoutMs: 20_000 });
  });

  const paypal = { PAYMENTS_PROVIDER: 'paypal', PAYPAL_CLIENT_ID: 'AYclient', PAYPAL_CLIENT_SECRET: 'EKsecret', PAYPAL_WEBHOOK_ID: '8PT597110X687430L' };

  it('reads the PayPal settings when PayPal is the provider: the sandbox by default, an API base URL for tests', () => {
    expect(loadPaymentsConfig({ ...paypal, PAYPAL_API_BASE_URL: 'http://127.0.0.1:12112', PAYPAL_TIMEOUT_MS: '5000' }).paypal).toEqual({
      clientId: 'AYclient',
      clientSecret: 'EKsecret',
      environment: 'sandbox',
      webhookId: '8PT597110X687430L',
      apiBaseUrl: 'http://127.0.0.1:12112',
      timeoutMs: 5000,
    });
    const live = loadPaymentsConfig({ ...paypal, NODE_ENV: 'production', PAYPAL_ENVIRONMENT: 'production' });
    expect(live).toMatchObject({ provider: 'paypal', stripe: null, paypal: { environment: 'production', apiBaseUrl: undefined, timeoutMs: 20_000 } });
  });

  it('refuses PayPal without its secret, and its sandbox in production unless explicitly allowed', () => {
    const { PAYPAL_CLIENT_SECRET: _secret, ...withoutSecret } = paypal;
    for (const env of [
      withoutSecret,
      { ...withoutSecret, NODE_ENV: 'production', PAYPAL_ENVIRONMENT: 'production' },
      { ...paypal, PAYPAL_CLIENT_SECRET: ' ' },
    ]) {
      expect(() => loadPaymentsConfig(env)).toThrow(ConfigError);
      expect(() => loadPaymentsConfig(env)).toThrow(/PAYPAL_CLIENT_SECRET is required/);
    }
    expect(() => loadPaymentsConfig({ ...paypal, NODE_ENV: 'production' })).toThrow(/PAYPAL_ENVIRONMENT is sandbox with NODE_ENV=production/);
    expect(loadPaymentsConfig({ ...paypal, NODE_ENV: 'production', PAYMENTS_ALLOW_SIMULATED_IN_PRODUCTION: 'true' }).paypal?.environment).toBe('sandbox');
  });

  it('refuses the simulated provider in production, naming the variable that allows it and pointing to Stripe', () => {
    for (const env of [
      { NODE_ENV: 'production' },
      { NODE_ENV: 'production', PAYMENTS_PROVIDER: 'simulated', PAYMENTS_ALLOW_SIMULATED_IN_PRODUCTION: 'false' },
    ]) {
      expect(() => loadPaymentsConfig(env)).toThrow(ConfigError);
      expect(() => loadPaymentsConfig(env)).toThrow(/PAYMENTS_ALLOW_SIMULATED_IN_PRODUCTION/);
      expect(() => loadPaymentsConfig(env)).toThrow(/PAYMENTS_PROVIDER=stripe/);
    }
  });

  it('runs the simulated provider in production only when explicitly allowed (benchmarks), and Stripe always', () => {
    expect(loadPaymentsConfig({ NODE_ENV: 'production', PAYMENTS_ALLOW_SIMULATED_IN_PRODUCTION: 'true' }).provider).toBe('simulated');
    const stripe = { PAYMENTS_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_live_1', STRIPE_WEBHOOK_SECRET: 'whsec_1' };
    expect(loadPaymentsConfig({ NODE_ENV: 'production', ...stripe }).provider).toBe('stripe');
    expect(loadPaymentsConfig({ NODE_ENV: 'development' }).provider).toBe('simulated');
  });

  it.each([
    [{ PAYMENTS_ALLOW_SIMULATED_IN_PRODUCTION: 'maybe' }, /PAYMENTS_ALLOW_SIMULATED_IN_PRODUCTION must be true or false/],
    [{ PAYMENTS_PROVIDER: 'adyen' }, /PAYMENTS_PROVIDER must be one of simulated, stripe, paypal/],
    [{ PAYMENTS_PROVIDER: 'paypal' }, /PAYPAL_CLIENT_ID is required/],
    [{ PAYMENTS_PROVIDER: 'paypal', PAYPAL_CLIENT_ID: 'AY', PAYPAL_CLIENT_SECRET: 'EK' }, /PAYPAL_WEBHOOK_ID is required/],
    [
      { PAYMENTS_PROVIDER: 'paypal', PAYPAL_CLIENT_ID: 'AY', PAYPAL_CLIENT_SECRET: 'EK', PAYPAL_WEBHOOK_ID: 'W', PAYPAL_ENVIRONMENT: 'live' },
      /PAYPAL_ENVIRONMENT must be one of sandbox, production/,
    ],
    [
      { PAYMENTS_PROVIDER: 'paypal', PAYPAL_CLIENT_ID: 'AY', PAYPAL_CLIENT_SECRET: 'EK', PAYPAL_WEBHOOK_ID: 'W', PAYPAL_API_BASE_URL: 'ftp://x' },
      /PAYPAL_API_BASE_URL must use/,
    ],
    [
      { PAYMENTS_PROVIDER: 'paypal', PAYPAL_CLIENT_ID: 'AY', PAYPAL_CLIENT_SECRET: 'EK', PAYPAL_WEBHOOK_ID: 'W', PAYPAL_TIMEOUT_MS: '10' },
      /PAYPAL_TIMEOUT_MS must be >= 100/,
    ],
    [{ PAYMENTS_ORDER_WAIT_MS: 'soon' }, /PAYMENTS_ORDER_WAIT_MS must be an integer/],
    [{ PAYMENTS_PROVIDER: 'stripe' }, /STRIPE_SECRET_KEY is required/],
    [{ PAYMENTS_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'pk_test_1', STRIPE_WEBHOOK_SECRET: 'whsec_1' }, /STRIPE_SECRET_KEY must be a Stripe secret/],
    [{ PAYMENTS_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_1' }, /STRIPE_WEBHOOK_SECRET is required/],
    [
      { PAYMENTS_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_1', STRIPE_WEBHOOK_SECRET: 'whsec_1', STRIPE_API_BASE_URL: 'ftp://x' },
      /STRIPE_API_BASE_URL must use/,
    ],
  ])('fails at start naming the variable (%p)', (env, message) => {
    expect(() => loadPaymentsConfig(env)).toThrow(ConfigError);
    expect(() => loadPaymentsConfig(env)).toThrow(message);
  });
});
