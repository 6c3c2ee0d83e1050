import type { ServerResponse } from 'node:http';
import { BodyTooLargeError, readRawBody, type HttpRoute } from '@ultramarket/kit';
import type { PayPalWebhookVerifier } from './paypal-webhook-signature';
import { isPayPalEvent, reconcilePayPalEvent, type PayPalEvent } from './reconcile-paypal-capture';

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/**
 * `POST /webhooks/paypal`: asks PayPal to verify the delivery (`paypal-webhook-signature.ts`), then settles
 * the payment from PAYMENT.CAPTURE.COMPLETED / PAYMENT.CAPTURE.DENIED and PAYMENT.AUTHORIZATION.CREATED / VOIDED,
 * and notes PAYMENT.CAPTURE.REFUNDED.
 * 400 for a body that is not a PayPal event or that PayPal does not vouch for (nothing is applied from it);
 * 500 when PayPal could not be asked or applying failed, so PayPal delivers again later.
 */
export function payPalWebhookRoute(verify: PayPalWebhookVerifier): HttpRoute {
  return async (request, response, runtime) => {
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      send(response, 405, { error: 'method not allowed' });
      return;
    }
    let event: PayPalEvent;
    try {
      const parsed: unknown = JSON.parse((await readRawBody(request)).toString('utf8'));
      if (!isPayPalEvent(parsed)) throw new Error('not a PayPal webhook event');
      event = parsed;
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        send(response, 413, { error: error.message });
        return;
      }
      send(response, 400, { error: 'invalid body' });
      return;
    }
    let verified: boolean;
    try {
      verified = await verify(request.headers, event);
    } catch (error) {
      runtime.logger.warn({ err: error, paypalEvent: event.id }, 'PayPal webhook not verified: PayPal could not be asked; it will deliver again');
      send(response, 500, { error: 'could not verify the signature now' });
      return;
    }
    if (!verified) {
      runtime.logger.warn({ paypalEvent: event.id, type: event.event_type }, 'PayPal webhook refused: PayPal did not verify its signature');
      send(response, 400, { error: 'invalid signature' });
      return;
    }
    const result = await reconcilePayPalEvent(runtime, event);
    runtime.logger.info({ paypalEvent: event.id, type: event.event_type, result }, 'PayPal webhook handled');
    send(response, 200, { received: true, result });
  };
}
