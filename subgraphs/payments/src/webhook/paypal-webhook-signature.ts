import type { IncomingHttpHeaders } from 'node:http';
import { ApiError, type Client } from '@paypal/paypal-server-sdk';
import { withoutCredentials } from '../provider/paypal-outcome';

/** Whether PayPal vouches for a webhook delivery (its headers and the event as received). Throws when PayPal cannot be asked. */
export type PayPalWebhookVerifier = (headers: IncomingHttpHeaders, event: unknown) => Promise<boolean>;

const TRANSMISSION_HEADERS = {
  auth_algo: 'paypal-auth-algo',
  cert_url: 'paypal-cert-url',
  transmission_id: 'paypal-transmission-id',
  transmission_sig: 'paypal-transmission-sig',
  transmission_time: 'paypal-transmission-time',
} as const;

/**
 * PayPal's documented check (`POST /v1/notifications/verify-webhook-signature`, with our OAuth token, against
 * the configured API base URL): PayPal verifies the transmission signature with its certificate for our
 * webhook id and answers SUCCESS or FAILURE. A delivery without the five PAYPAL-* headers is refused without a
 * call; PayPal refusing the verification request itself (4xx: a malformed certificate URL…) refuses it too.
 * PayPal unreachable or failing (5xx, timeout) throws: the route answers 500 and PayPal delivers again later.
 */
export function payPalWebhookVerifier(client: Client, webhookId: string): PayPalWebhookVerifier {
  return async (headers, event) => {
    const transmission: Record<string, string> = {};
    for (const [field, header] of Object.entries(TRANSMISSION_HEADERS)) {
      const value = headers[header];
      if (typeof value !== 'string' || value === '') return false;
      transmission[field] = value;
    }
    const request = client.getRequestBuilderFactory()('POST', '/v1/notifications/verify-webhook-signature');
    request.json({ ...transmission, webhook_id: webhookId, webhook_event: event });
    request.authenticate([{ oauth2: true }]);
    try {
      const { result } = await request.callAsText();
      return (JSON.parse(result) as { verification_status?: unknown }).verification_status === 'SUCCESS';
    } catch (error) {
      if (error instanceof ApiError && error.statusCode >= 400 && error.statusCode < 500 && ![401, 403, 408, 429].includes(error.statusCode)) return false;
      throw withoutCredentials(error);
    }
  };
}
