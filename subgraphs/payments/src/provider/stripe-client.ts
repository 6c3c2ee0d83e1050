import Stripe from 'stripe';
import type { StripeSettings } from '../payments.config';

/**
 * The Stripe client. Network retries reuse the idempotency key we pass, so a retried call never
 * charges twice; the timeout (STRIPE_TIMEOUT_MS) is kept well under the gateway's so the shopper gets an answer.
 * STRIPE_API_BASE_URL points it elsewhere (a local stand-in in tests).
 */
export function createStripeClient(settings: StripeSettings): Stripe {
  const base = settings.apiBaseUrl ? new URL(settings.apiBaseUrl) : null;
  return new Stripe(settings.secretKey, {
    maxNetworkRetries: 2,
    timeout: settings.timeoutMs,
    telemetry: false,
    appInfo: { name: 'UltraMarket payments' },
    ...(base && {
      host: base.hostname,
      port: base.port || (base.protocol === 'https:' ? 443 : 80),
      protocol: base.protocol === 'https:' ? 'https' : 'http',
    }),
  });
}
