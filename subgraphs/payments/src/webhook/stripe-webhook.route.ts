import type { ServerResponse } from 'node:http';
import type Stripe from 'stripe';
import { BodyTooLargeError, readRawBody, type HttpRoute } from '@ultramarket/kit';
import { reconcileStripeEvent } from './reconcile-payment-intent';

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/**
 * `POST /webhooks/stripe`: verifies the Stripe-Signature header over the raw body (and its
 * timestamp, against replays), then reconciles payment_intent.succeeded / payment_intent.payment_failed.
 * 400 for a bad signature (nothing is read from such a body); 500 lets Stripe deliver again later.
 */
export function stripeWebhookRoute(stripe: Stripe, webhookSecret: string): HttpRoute {
  return async (request, response, runtime) => {
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      send(response, 405, { error: 'method not allowed' });
      return;
    }
    let event: Stripe.Event;
    try {
      const body = await readRawBody(request);
      event = stripe.webhooks.constructEvent(body, request.headers['stripe-signature'] ?? '', webhookSecret);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        send(response, 413, { error: error.message });
        return;
      }
      // the error carries the whole unverified body: log only why it was refused
      runtime.logger.warn({ reason: String((error as Error).message).split('\n')[0] }, 'Stripe webhook refused: bad signature');
      send(response, 400, { error: 'invalid signature' });
      return;
    }
    const result = await reconcileStripeEvent(runtime, event);
    runtime.logger.info({ stripeEvent: event.id, type: event.type, result }, 'Stripe webhook handled');
    send(response, 200, { received: true, result });
  };
}
