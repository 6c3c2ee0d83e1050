import http from 'node:http';
import https from 'node:https';
import { Client, Environment } from '@paypal/paypal-server-sdk';
import type { PayPalSettings } from '../payments.config';

const HOSTS: Record<PayPalSettings['environment'], string> = {
  sandbox: 'https://api-m.sandbox.paypal.com',
  production: 'https://api-m.paypal.com',
};

/** Where this deployment's PayPal API calls go: PAYPAL_API_BASE_URL, else the environment's host. */
export function payPalApiBaseUrl(settings: PayPalSettings): string {
  return settings.apiBaseUrl ?? HOSTS[settings.environment];
}

/**
 * The PayPal client (OAuth2 client credentials; the token is fetched once and reused until it expires).
 * It makes no retries of its own: a call without an answer leaves the payment PENDING, and the shopper's
 * retry or reconciliation asks again with the same PayPal-Request-Id. The timeout (PAYPAL_TIMEOUT_MS) is kept
 * well under the gateway's so the shopper gets an answer.
 */
export function createPayPalClient(settings: PayPalSettings): Client {
  return new Client({
    clientCredentialsAuthCredentials: { oAuthClientId: settings.clientId, oAuthClientSecret: settings.clientSecret },
    environment: settings.environment === 'production' ? Environment.Production : Environment.Sandbox,
    timeout: settings.timeoutMs,
    httpClientOptions: { timeout: settings.timeoutMs, retryConfig: { maxNumberOfRetries: 0 } },
    // the SDK knows only PayPal's two hosts: an override reroutes its requests at the transport (axios `transport`)
    ...(settings.apiBaseUrl && { unstable_httpClientOptions: { proxy: false, transport: transportTo(new URL(settings.apiBaseUrl)) } }),
  });
}

/**
 * An axios transport sending every request to `base` instead of the host the SDK chose (path kept,
 * prefixed by the base's path); the agent chosen for PayPal's https host is dropped for the base's own.
 */
function transportTo(base: URL) {
  const module = base.protocol === 'https:' ? https : http;
  const prefix = base.pathname.replace(/\/$/, '');
  return {
    request(options: http.RequestOptions, callback: (response: http.IncomingMessage) => void): http.ClientRequest {
      return module.request(
        {
          ...options,
          agent: undefined,
          protocol: base.protocol,
          host: base.hostname,
          hostname: base.hostname,
          port: base.port || undefined,
          path: `${prefix}${options.path ?? '/'}`,
        },
        callback,
      );
    },
  };
}
