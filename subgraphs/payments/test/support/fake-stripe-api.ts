import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StripeCall {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  params: URLSearchParams;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const decline = (code: string, declineCode: string, message: string, paymentIntent: Record<string, unknown>): Reply => ({
  status: 402,
  body: { error: { type: 'card_error', code, decline_code: declineCode, message, payment_intent: paymentIntent } },
});

async function formOf(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A local stand-in for Stripe's API (the real one is unreachable from tests): it records every
 * call and answers the few endpoints the Stripe provider uses the way Stripe's test mode does.
 * PaymentMethod `pm_card_unreachable` makes PaymentIntent creation fail with a 500 that the client
 * must not retry, as when Stripe's outcome is unknown.
 */
export class FakeStripeApi {
  readonly calls: StripeCall[] = [];
  private readonly server: Server;
  private sequence = 0;

  constructor() {
    this.server = createServer(async (request, response) => {
      const call: StripeCall = {
        method: request.method ?? 'GET',
        path: (request.url ?? '/').split('?')[0],
        idempotencyKey: request.headers['idempotency-key'] as string | undefined,
        authorization: request.headers.authorization,
        params: await formOf(request),
      };
      this.calls.push(call);
      const reply = this.reply(call);
      response.writeHead(reply.status, { 'content-type': 'application/json', 'request-id': `req_${this.sequence}`, ...reply.headers });
      response.end(JSON.stringify(reply.body));
    });
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  callsTo(path: string): StripeCall[] {
    return this.calls.filter((call) => call.path === path);
  }

  private reply(call: StripeCall): Reply {
    this.sequence += 1;
    if (call.method === 'POST' && call.path === '/v1/payment_methods') {
      const token = call.params.get('card[token]');
      const kind = token === 'tok_chargeDeclined' ? 'chargeDeclined' : 'visa';
      return { status: 200, body: { id: `pm_card_${kind}_${this.sequence}`, object: 'payment_method', type: 'card' } };
    }
    if (call.method === 'POST' && call.path === '/v1/payment_intents') {
      const paymentMethod = call.params.get('payment_method') ?? '';
      const intent = {
        id: `pi_fake_${this.sequence}`,
        object: 'payment_intent',
        amount: Number(call.params.get('amount')),
        currency: call.params.get('currency'),
        metadata: { orderId: call.params.get('metadata[orderId]'), paymentId: call.params.get('metadata[paymentId]') },
        payment_method: paymentMethod,
      };
      if (paymentMethod === 'pm_card_unreachable') {
        return { status: 500, body: { error: { type: 'api_error', message: 'An unknown error occurred' } }, headers: { 'stripe-should-retry': 'false' } };
      }
      if (paymentMethod.startsWith('pm_card_chargeDeclinedInsufficientFunds')) {
        return decline('card_declined', 'insufficient_funds', 'Your card has insufficient funds.', { ...intent, status: 'requires_payment_method' });
      }
      if (paymentMethod.startsWith('pm_card_chargeDeclined')) {
        return decline('card_declined', 'generic_decline', 'Your card was declined.', { ...intent, status: 'requires_payment_method' });
      }
      return { status: 200, body: { ...intent, status: 'succeeded', last_payment_error: null } };
    }
    if (call.method === 'POST' && call.path === '/v1/refunds') {
      return {
        status: 200,
        body: {
          id: `re_fake_${this.sequence}`,
          object: 'refund',
          status: 'succeeded',
          amount: Number(call.params.get('amount')),
          payment_intent: call.params.get('payment_intent'),
        },
      };
    }
    return { status: 404, body: { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${call.method}: ${call.path})` } } };
  }
}
