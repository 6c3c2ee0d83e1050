import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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
 * must not retry, as when Stripe's outcome is unknown. Like Stripe, a PaymentIntent creation with an
 * idempotency key seen before answers the PaymentIntent that key created, and every PaymentIntent
 * can be retrieved and searched by its `paymentId` metadata. Failure modes, by PaymentMethod:
 * - `pm_card_lostAnswer`: the PaymentIntent is created (succeeded) but the answer is a 500 the client must not retry;
 * - `pm_card_rateLimited`: the first request of an idempotency key is refused with a 429 (nothing created);
 * - `pm_card_slow`: while `slow` is on, requests are never answered (the client times out) — the first creates the PaymentIntent;
 * - `pm_card_held`: answered only when the test calls `release()` (`held` resolves when one arrives).
 * Manual capture (`capture_method=manual`) leaves the PaymentIntent `requires_capture` with a charge whose card offers
 * multicapture (`pm_card_noMulticapture`: it does not); `/capture` (with `amount_to_capture`, `final_capture`) and
 * `/cancel` behave as Stripe's, replaying a repeated idempotency key.
 */
export class FakeStripeApi {
  readonly calls: StripeCall[] = [];
  /** Stripe's record: PaymentIntents by id, and what each idempotency key created. */
  readonly intents = new Map<string, Record<string, unknown>>();
  private readonly intentsByKey = new Map<string, string>();
  private readonly rateLimitedKeys = new Set<string>();
  private readonly parked: { response: ServerResponse; reply: Reply }[] = [];
  private arrival: { promise: Promise<void>; resolve: () => void } = FakeStripeApi.signal();
  slow = true;
  /**
   * Refunds fail while set: `declined` answers Stripe's 400 `charge_disputed`, `failed` a refund created
   * with status `failed` (`failure_reason: expired_or_canceled_card`); null (the default) refunds succeed.
   */
  failRefunds: 'declined' | 'failed' | null = null;
  private readonly server: Server;
  private sequence = 0;

  private static signal() {
    let resolve!: () => void;
    const promise = new Promise<void>((done) => (resolve = done));
    return { promise, resolve };
  }

  /** Resolves once a `pm_card_held` request is parked. */
  get held(): Promise<void> {
    return this.arrival.promise;
  }

  /** Answers every parked `pm_card_held` request. */
  release(): void {
    for (const { response, reply } of this.parked.splice(0)) FakeStripeApi.send(response, reply, 0);
    this.arrival = FakeStripeApi.signal();
  }

  private static send(response: ServerResponse, reply: Reply, sequence: number): void {
    if (response.destroyed) return;
    response.writeHead(reply.status, { 'content-type': 'application/json', 'request-id': `req_${sequence}`, ...reply.headers });
    response.end(JSON.stringify(reply.body));
  }

  constructor() {
    this.server = createServer(async (request, response) => {
      const url = new URL(request.url ?? '/', 'http://fake-stripe');
      const call: StripeCall = {
        method: request.method ?? 'GET',
        path: url.pathname,
        idempotencyKey: request.headers['idempotency-key'] as string | undefined,
        authorization: request.headers.authorization,
        params: request.method === 'GET' ? url.searchParams : await formOf(request),
      };
      this.calls.push(call);
      const reply = this.reply(call);
      const paymentMethod = call.params.get('payment_method');
      if (call.path === '/v1/payment_intents' && paymentMethod === 'pm_card_slow' && this.slow) return; // never answered: the client times out
      if (call.path === '/v1/payment_intents' && paymentMethod === 'pm_card_held') {
        this.parked.push({ response, reply });
        this.arrival.resolve();
        return;
      }
      FakeStripeApi.send(response, reply, this.sequence);
    });
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
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
    if (call.method === 'GET' && call.path === '/v1/payment_intents/search') {
      const paymentId = /metadata\['paymentId'\]:'([^']*)'/.exec(call.params.get('query') ?? '')?.[1];
      const data = [...this.intents.values()].filter((intent) => (intent.metadata as Record<string, unknown>).paymentId === paymentId);
      return { status: 200, body: { object: 'search_result', url: '/v1/payment_intents/search', has_more: false, data } };
    }
    if (call.method === 'GET' && call.path.startsWith('/v1/payment_intents/')) {
      const intent = this.intents.get(call.path.slice('/v1/payment_intents/'.length));
      if (intent) return { status: 200, body: intent };
      return { status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such payment_intent' } } };
    }
    if (call.method === 'POST' && call.path === '/v1/payment_intents') {
      const paymentMethod = call.params.get('payment_method') ?? '';
      const key = call.idempotencyKey ?? `none-${this.sequence}`;
      const earlier = this.intentsByKey.get(key);
      // Stripe replays what an idempotency key did (here: the PaymentIntent it created)
      if (earlier) return { status: 200, body: this.intents.get(earlier) };
      if (paymentMethod === 'pm_card_rateLimited' && !this.rateLimitedKeys.has(key)) {
        this.rateLimitedKeys.add(key);
        return {
          status: 429,
          body: { error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests hit the API too quickly.' } },
          headers: { 'stripe-should-retry': 'false' },
        };
      }
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
      const manual = call.params.get('capture_method') === 'manual';
      const succeeded = manual
        ? {
            ...intent,
            status: 'requires_capture',
            amount_capturable: intent.amount,
            amount_received: 0,
            last_payment_error: null,
            latest_charge: {
              id: `ch_fake_${this.sequence}`,
              object: 'charge',
              payment_method_details: {
                type: 'card',
                card: {
                  capture_before: Math.floor(Date.now() / 1000) + 7 * 86_400,
                  multicapture: { status: paymentMethod === 'pm_card_noMulticapture' ? 'unavailable' : 'available' },
                },
              },
            },
          }
        : { ...intent, status: 'succeeded', amount_received: intent.amount, last_payment_error: null };
      this.intents.set(intent.id, succeeded);
      this.intentsByKey.set(key, intent.id);
      if (paymentMethod === 'pm_card_lostAnswer') {
        return { status: 500, body: { error: { type: 'api_error', message: 'An unknown error occurred' } }, headers: { 'stripe-should-retry': 'false' } };
      }
      return { status: 200, body: succeeded };
    }
    const action = /^\/v1\/payment_intents\/([^/]+)\/(capture|cancel)$/.exec(call.path);
    if (call.method === 'POST' && action) return this.captureOrCancel(call, action[1], action[2] as 'capture' | 'cancel');
    if (call.method === 'POST' && call.path === '/v1/refunds') {
      if (this.failRefunds === 'declined') {
        return {
          status: 400,
          body: { error: { type: 'invalid_request_error', code: 'charge_disputed', message: 'This charge is disputed and cannot be refunded.' } },
        };
      }
      if (this.failRefunds === 'failed') {
        return {
          status: 200,
          body: {
            id: `re_fake_${this.sequence}`,
            object: 'refund',
            status: 'failed',
            failure_reason: 'expired_or_canceled_card',
            amount: Number(call.params.get('amount')),
          },
        };
      }
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

  private readonly actionReplies = new Map<string, Reply>();

  private captureOrCancel(call: StripeCall, intentId: string, action: 'capture' | 'cancel'): Reply {
    const key = call.idempotencyKey ? `${action}:${call.idempotencyKey}` : null;
    const replayed = key ? this.actionReplies.get(key) : undefined;
    if (replayed) return replayed;
    const intent = this.intents.get(intentId);
    const refuse = (code: string, message: string): Reply => ({ status: 400, body: { error: { type: 'invalid_request_error', code, message } } });
    let reply: Reply;
    if (!intent) reply = { status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such payment_intent' } } };
    else if (intent.status !== 'requires_capture') reply = refuse('payment_intent_unexpected_state', `This PaymentIntent's status is ${String(intent.status)}`);
    else if (action === 'cancel') {
      Object.assign(intent, { status: 'canceled', amount_capturable: 0, cancellation_reason: call.params.get('cancellation_reason') });
      reply = { status: 200, body: intent };
    } else {
      const amount = Number(call.params.get('amount_to_capture') ?? intent.amount_capturable);
      if (amount > (intent.amount_capturable as number)) reply = refuse('amount_too_large', 'Amount to capture is greater than the amount capturable');
      else {
        const multicapture = (intent.latest_charge as { payment_method_details: { card: { multicapture: { status: string } } } }).payment_method_details.card
          .multicapture.status;
        const keepOpen = call.params.get('final_capture') === 'false' && multicapture === 'available';
        const received = (intent.amount_received as number) + amount;
        Object.assign(intent, { amount_received: received, amount_capturable: keepOpen ? (intent.amount_capturable as number) - amount : 0 });
        if (!keepOpen) intent.status = 'succeeded';
        reply = { status: 200, body: intent };
      }
    }
    if (key) this.actionReplies.set(key, reply);
    return reply;
  }
}
