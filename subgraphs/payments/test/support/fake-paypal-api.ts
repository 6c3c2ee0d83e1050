import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PayPalCall {
  method: string;
  path: string;
  requestId: string | undefined;
  authorization: string | undefined;
  body: Record<string, unknown> | null;
}

interface Reply {
  status: number;
  body: unknown;
}

interface PayPalAmount {
  currency_code: string;
  value: string;
}

/**
 * How PayPal treats a capture of the order (what the shopper's PayPal account and PayPal's risk checks would do):
 * - `approved`: captured (COMPLETED);
 * - `notApproved`: the shopper never approved it (status CREATED): 422 ORDER_NOT_APPROVED;
 * - `declined` / `payerActionRequired`: 422 INSTRUMENT_DECLINED / PAYER_ACTION_REQUIRED, nothing captured;
 * - `rateLimited`: the first capture of each PayPal-Request-Id is refused with a 429, unprocessed;
 * - `lostAnswer`: captured, but the answer is a 500;
 * - `slow`: captured, but while `slow` is on the answer never comes (the client times out);
 * - `held`: captured, answered only when the test calls `release()` (`held` resolves when one arrives);
 * - `pendingCapture`: the capture is PENDING (PayPal reviews it) and completes later (by webhook);
 * - `capturesOtherAmount`: the capture takes one cent more than the order said (an order changed in between).
 */
export type OrderBehaviour =
  'approved' | 'notApproved' | 'declined' | 'payerActionRequired' | 'rateLimited' | 'lostAnswer' | 'slow' | 'held' | 'pendingCapture' | 'capturesOtherAmount';

interface FakeOrder {
  id: string;
  /** CAPTURE (the default) or AUTHORIZE, as the shopper's browser created it. */
  intent: 'CAPTURE' | 'AUTHORIZE';
  status: string;
  amount: PayPalAmount;
  behaviour: OrderBehaviour;
  captures: Record<string, unknown>[];
  authorizations: FakeAuthorization[];
}

/** An authorization of an AUTHORIZE order: PayPal's JSON plus the order it belongs to. */
interface FakeAuthorization {
  id: string;
  status: string;
  amount: PayPalAmount;
  expiration_time: string;
  orderId: string;
}

/** PayPal's authorization validity (29 days; the first 3 its honor period). */
const AUTHORIZATION_VALIDITY_MS = 29 * 86_400_000;

const paypalId = () => randomBytes(9).toString('hex').toUpperCase().slice(0, 17);

const issue = (status: number, name: string, issueName: string, description: string): Reply => ({
  status,
  body: { name, message: 'The requested action could not be performed.', debug_id: paypalId().toLowerCase(), details: [{ issue: issueName, description }] },
});

async function jsonOf(request: IncomingMessage): Promise<{ raw: string; json: Record<string, unknown> | null }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  try {
    return { raw, json: raw ? (JSON.parse(raw) as Record<string, unknown>) : null };
  } catch {
    return { raw, json: null };
  }
}

/**
 * A local stand-in for PayPal's REST API (the real one is unreachable from tests): OAuth2 client credentials,
 * Orders v2 get, capture and authorize, authorizations get, capture (partial, final, refused when voided, expired
 * or over the authorized amount) and void, captures refund and webhook signature verification, answering the way PayPal's
 * sandbox does (snake_case JSON, errors as `{ name, details: [{ issue }] }`). Like PayPal, a capture or refund
 * with a PayPal-Request-Id seen before answers what that request did. It records every call. Webhook events
 * it "sends" (`signedWebhook`) carry a transmission signature only it can check, over the event as sent.
 */
export class FakePayPalApi {
  readonly calls: PayPalCall[] = [];
  readonly orders = new Map<string, FakeOrder>();
  readonly authorizations = new Map<string, FakeAuthorization>();
  private readonly replies = new Map<string, Reply>();
  private readonly rateLimited = new Set<string>();
  private readonly tokens = new Set<string>();
  private readonly signingKey = randomBytes(32);
  private readonly parked: { response: ServerResponse; reply: Reply }[] = [];
  private arrival = FakePayPalApi.signal();
  private readonly server: Server;
  slow = true;
  /** Makes every authorizations endpoint answer 503, unprocessed (PayPal's payments API down). */
  authorizationsDown = false;
  /** Makes the verify-webhook-signature endpoint answer 503 (PayPal down). */
  verificationDown = false;

  constructor(
    readonly clientId: string,
    readonly clientSecret: string,
    readonly webhookId: string,
  ) {
    this.server = createServer(async (request, response) => {
      const url = new URL(request.url ?? '/', 'http://fake-paypal');
      const { raw, json } = await jsonOf(request);
      const call: PayPalCall = {
        method: request.method ?? 'GET',
        path: url.pathname,
        requestId: request.headers['paypal-request-id'] as string | undefined,
        authorization: request.headers.authorization,
        body: json ?? (raw ? Object.fromEntries(new URLSearchParams(raw)) : null),
      };
      this.calls.push(call);
      const reply = this.reply(call);
      const order = this.orderOfCapture(call);
      if (order?.behaviour === 'slow' && this.slow) return; // never answered: the client times out
      if (order?.behaviour === 'held' && reply.status < 300) {
        this.parked.push({ response, reply });
        this.arrival.resolve();
        return;
      }
      FakePayPalApi.send(response, reply);
    });
  }

  private static signal() {
    let resolve!: () => void;
    const promise = new Promise<void>((done) => (resolve = done));
    return { promise, resolve };
  }

  private static send(response: ServerResponse, reply: Reply): void {
    if (response.destroyed) return;
    response.writeHead(reply.status, { 'content-type': 'application/json', 'paypal-debug-id': paypalId().toLowerCase() });
    response.end(JSON.stringify(reply.body));
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Resolves once a capture of a `held` order is parked. */
  get held(): Promise<void> {
    return this.arrival.promise;
  }

  /** Answers every parked capture. */
  release(): void {
    for (const { response, reply } of this.parked.splice(0)) FakePayPalApi.send(response, reply);
    this.arrival = FakePayPalApi.signal();
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  callsTo(path: string): PayPalCall[] {
    return this.calls.filter((call) => call.path === path);
  }

  /** A PayPal order as the shopper's browser created and approved it (PayPal JS SDK), for `value` in `currency`. */
  approvedOrder(value: string, behaviour: OrderBehaviour = 'approved', currency = 'USD'): string {
    const id = paypalId();
    const status = behaviour === 'notApproved' ? 'CREATED' : 'APPROVED';
    this.orders.set(id, { id, intent: 'CAPTURE', status, amount: { currency_code: currency, value }, behaviour, captures: [], authorizations: [] });
    return id;
  }

  /** A PayPal order created with intent AUTHORIZE (a MANUAL store's checkout) and approved by the shopper. */
  approvedAuthorizeOrder(value: string, behaviour: OrderBehaviour = 'approved', currency = 'USD'): string {
    const id = this.approvedOrder(value, behaviour, currency);
    this.orders.get(id)!.intent = 'AUTHORIZE';
    return id;
  }

  /** The authorization of an AUTHORIZE order, as PayPal's API and webhook resources carry it. */
  authorizationOf(orderId: string): Record<string, unknown> {
    const [authorization] = this.orders.get(orderId)?.authorizations ?? [];
    return this.authorizationJson(authorization);
  }

  /** Ages an order's authorization past its validity: PayPal now refuses to capture it (AUTHORIZATION_EXPIRED). */
  expireAuthorization(orderId: string): void {
    const [authorization] = this.orders.get(orderId)?.authorizations ?? [];
    authorization.status = 'EXPIRED';
    authorization.expiration_time = new Date(Date.now() - 1000).toISOString();
  }

  /** Voids an order's authorization as PayPal's dashboard would. */
  voidAuthorizationOf(orderId: string): Record<string, unknown> {
    const [authorization] = this.orders.get(orderId)?.authorizations ?? [];
    authorization.status = 'VOIDED';
    return this.authorizationJson(authorization);
  }

  /** The completed capture of an order, as PayPal's webhook resource carries it. */
  captureOf(orderId: string): Record<string, unknown> {
    const [capture] = this.orders.get(orderId)?.captures ?? [];
    return capture;
  }

  /** Completes an order's PENDING capture (PayPal's review passed), as the webhook then reports. */
  completeCapture(orderId: string): Record<string, unknown> {
    const capture = this.captureOf(orderId);
    capture.status = 'COMPLETED';
    delete capture.status_details;
    return capture;
  }

  /** A webhook delivery as PayPal makes it: the body and the PAYPAL-* transmission headers. */
  signedWebhook(eventType: string, resource: Record<string, unknown>, webhookId = this.webhookId) {
    const event = {
      id: `WH-${paypalId()}`,
      event_version: '1.0',
      create_time: new Date().toISOString(),
      resource_type: eventType === 'PAYMENT.CAPTURE.REFUNDED' ? 'refund' : eventType.startsWith('PAYMENT.AUTHORIZATION.') ? 'authorization' : 'capture',
      resource_version: '2.0',
      event_type: eventType,
      summary: `${eventType} event`,
      resource,
    };
    const payload = JSON.stringify(event);
    const transmissionId = randomUUID();
    const transmissionTime = new Date().toISOString();
    const headers = {
      'paypal-auth-algo': 'SHA256withRSA',
      'paypal-cert-url': 'https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-fake',
      'paypal-transmission-id': transmissionId,
      'paypal-transmission-time': transmissionTime,
      'paypal-transmission-sig': this.signatureOf(transmissionId, transmissionTime, webhookId, payload),
    };
    return { event, payload, headers };
  }

  /** Our stand-in for PayPal's certificate signature: over the transmission, the webhook id and the event as sent. */
  private signatureOf(transmissionId: string, transmissionTime: string, webhookId: string, payload: string): string {
    const digest = createHash('sha256').update(payload).digest('hex');
    return createHmac('sha256', this.signingKey).update(`${transmissionId}|${transmissionTime}|${webhookId}|${digest}`).digest('base64');
  }

  private orderOfCapture(call: PayPalCall): FakeOrder | undefined {
    const match = /^\/v2\/checkout\/orders\/([^/]+)\/(capture|authorize)$/.exec(call.path);
    return match ? this.orders.get(match[1]) : undefined;
  }

  private reply(call: PayPalCall): Reply {
    if (call.method === 'POST' && call.path === '/v1/oauth2/token') return this.token(call);
    if (!call.authorization?.startsWith('Bearer ') || !this.tokens.has(call.authorization.slice('Bearer '.length))) {
      return { status: 401, body: { error: 'invalid_token', error_description: 'Token signature verification failed' } };
    }
    if (call.method === 'POST' && call.path === '/v1/notifications/verify-webhook-signature') return this.verify(call);
    const order = /^\/v2\/checkout\/orders\/([^/]+)(\/capture|\/authorize)?$/.exec(call.path);
    if (order) {
      const found = this.orders.get(order[1]);
      if (!found)
        return issue(404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID', 'Specified resource ID does not exist. Please check the resource ID and try again.');
      if (call.method === 'GET' && !order[2]) return { status: 200, body: this.orderJson(found) };
      if (call.method === 'POST' && order[2] === '/capture') return this.once(call, () => this.capture(call, found));
      if (call.method === 'POST' && order[2] === '/authorize') return this.once(call, () => this.authorize(found));
    }
    const authorization = /^\/v2\/payments\/authorizations\/([^/]+)(\/capture|\/void)?$/.exec(call.path);
    if (authorization && this.authorizationsDown)
      return { status: 503, body: { name: 'SERVICE_UNAVAILABLE', message: 'Service Unavailable.', debug_id: paypalId().toLowerCase() } };
    if (authorization) {
      const found = this.authorizations.get(authorization[1]);
      if (!found) return issue(404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID', 'Specified resource ID does not exist.');
      if (call.method === 'GET' && !authorization[2]) return { status: 200, body: this.authorizationJson(found) };
      if (call.method === 'POST' && authorization[2] === '/capture') return this.once(call, () => this.captureAuthorization(call, found));
      if (call.method === 'POST' && authorization[2] === '/void') return this.once(call, () => this.voidAuthorization(found));
    }
    const refund = /^\/v2\/payments\/captures\/([^/]+)\/refund$/.exec(call.path);
    if (call.method === 'POST' && refund) return this.once(call, () => this.refund(call, refund[1]));
    return issue(404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID', `Unknown path ${call.method} ${call.path}`);
  }

  private token(call: PayPalCall): Reply {
    const expected = `Basic ${Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64')}`;
    if (call.authorization !== expected || call.body?.grant_type !== 'client_credentials') {
      return { status: 401, body: { error: 'invalid_client', error_description: 'Client Authentication failed' } };
    }
    const token = `A21AA${randomBytes(12).toString('hex')}`;
    this.tokens.add(token);
    return {
      status: 200,
      body: {
        scope: 'https://uri.paypal.com/services/payments/payment',
        access_token: token,
        token_type: 'Bearer',
        app_id: 'APP-FAKE',
        expires_in: 32400,
        nonce: paypalId(),
      },
    };
  }

  /** PayPal answers a repeated PayPal-Request-Id with what the first request did (a 429 did nothing, so it is not kept). */
  private once(call: PayPalCall, act: () => Reply): Reply {
    const key = call.requestId ? `${call.path}|${call.requestId}` : null;
    const earlier = key ? this.replies.get(key) : undefined;
    if (earlier) return earlier;
    const reply = act();
    if (key && reply.status !== 429) this.replies.set(key, reply);
    return reply;
  }

  private authorize(order: FakeOrder): Reply {
    if (order.intent !== 'AUTHORIZE')
      return issue(422, 'UNPROCESSABLE_ENTITY', 'ACTION_DOES_NOT_MATCH_INTENT', 'Order was created with an intent of CAPTURE. Please use /capture.');
    if (order.status === 'COMPLETED') return issue(422, 'UNPROCESSABLE_ENTITY', 'ORDER_ALREADY_AUTHORIZED', 'Order already authorized.');
    if (order.status === 'CREATED') return issue(422, 'UNPROCESSABLE_ENTITY', 'ORDER_NOT_APPROVED', 'Payer has not yet approved the Order for payment.');
    if (order.behaviour === 'declined')
      return issue(422, 'UNPROCESSABLE_ENTITY', 'INSTRUMENT_DECLINED', 'The instrument presented was either declined by the processor or bank.');
    const authorization: FakeAuthorization = {
      id: paypalId(),
      status: 'CREATED',
      amount: order.amount,
      expiration_time: new Date(Date.now() + AUTHORIZATION_VALIDITY_MS).toISOString(),
      orderId: order.id,
    };
    order.authorizations.push(authorization);
    this.authorizations.set(authorization.id, authorization);
    order.status = 'COMPLETED';
    if (order.behaviour === 'lostAnswer')
      return { status: 500, body: { name: 'INTERNAL_SERVER_ERROR', message: 'An internal server error occurred.', debug_id: paypalId().toLowerCase() } };
    return { status: 201, body: this.orderJson(order) };
  }

  /** What the order's completed captures of this authorization took, in cents (the stand-in's orders are 2-digit currencies). */
  private capturedCents(authorization: FakeAuthorization): number {
    const order = this.orders.get(authorization.orderId)!;
    return order.captures
      .filter((capture) => capture.status === 'COMPLETED')
      .reduce((sum, capture) => sum + Math.round(Number((capture.amount as PayPalAmount).value) * 100), 0);
  }

  private captureAuthorization(call: PayPalCall, authorization: FakeAuthorization): Reply {
    if (authorization.status === 'VOIDED') return issue(422, 'UNPROCESSABLE_ENTITY', 'AUTHORIZATION_VOIDED', 'A voided authorization cannot be captured.');
    if (authorization.status === 'EXPIRED' || new Date(authorization.expiration_time) <= new Date())
      return issue(422, 'UNPROCESSABLE_ENTITY', 'AUTHORIZATION_EXPIRED', 'An expired authorization cannot be captured.');
    if (authorization.status === 'CAPTURED')
      return issue(
        422,
        'UNPROCESSABLE_ENTITY',
        'AUTHORIZATION_ALREADY_CAPTURED',
        'Authorization has been previously captured and hence cannot be captured again.',
      );
    const body = call.body as { amount?: PayPalAmount; final_capture?: boolean } | null;
    const amount = body?.amount ?? authorization.amount;
    const cents = Math.round(Number(amount.value) * 100);
    const authorized = Math.round(Number(authorization.amount.value) * 100);
    if (amount.currency_code !== authorization.amount.currency_code || cents + this.capturedCents(authorization) > authorized)
      return issue(422, 'UNPROCESSABLE_ENTITY', 'MAX_CAPTURE_AMOUNT_EXCEEDED', 'Capture amount exceeds allowable limit.');
    const capture = {
      id: paypalId(),
      status: 'COMPLETED',
      amount,
      final_capture: body?.final_capture ?? true,
      supplementary_data: { related_ids: { order_id: authorization.orderId, authorization_id: authorization.id } },
      create_time: new Date().toISOString(),
      update_time: new Date().toISOString(),
      links: [{ rel: 'up', method: 'GET', href: `https://api.sandbox.paypal.com/v2/payments/authorizations/${authorization.id}` }],
    };
    this.orders.get(authorization.orderId)!.captures.push(capture);
    authorization.status = capture.final_capture || this.capturedCents(authorization) === authorized ? 'CAPTURED' : 'PARTIALLY_CAPTURED';
    return { status: 201, body: capture };
  }

  private voidAuthorization(authorization: FakeAuthorization): Reply {
    if (authorization.status === 'VOIDED') return issue(422, 'UNPROCESSABLE_ENTITY', 'PREVIOUSLY_VOIDED', 'Authorization has been previously voided.');
    if (authorization.status === 'CAPTURED') return issue(422, 'UNPROCESSABLE_ENTITY', 'PREVIOUSLY_CAPTURED', 'Authorization has been previously captured.');
    authorization.status = 'VOIDED';
    return { status: 200, body: this.authorizationJson(authorization) };
  }

  private authorizationJson(authorization: FakeAuthorization) {
    const { orderId, ...json } = authorization;
    return {
      ...json,
      supplementary_data: { related_ids: { order_id: orderId } },
      create_time: new Date().toISOString(),
      links: [{ rel: 'self', method: 'GET', href: `https://api.sandbox.paypal.com/v2/payments/authorizations/${authorization.id}` }],
    };
  }

  private capture(call: PayPalCall, order: FakeOrder): Reply {
    if (order.behaviour === 'rateLimited' && !this.rateLimited.has(call.requestId ?? '')) {
      this.rateLimited.add(call.requestId ?? '');
      return {
        status: 429,
        body: { name: 'RATE_LIMIT_REACHED', message: 'Too many requests. Blocked due to rate limiting.', debug_id: paypalId().toLowerCase() },
      };
    }
    if (order.status === 'COMPLETED') return issue(422, 'UNPROCESSABLE_ENTITY', 'ORDER_ALREADY_CAPTURED', 'Order already captured.');
    if (order.status === 'CREATED') return issue(422, 'UNPROCESSABLE_ENTITY', 'ORDER_NOT_APPROVED', 'Payer has not yet approved the Order for payment.');
    if (order.behaviour === 'declined')
      return issue(
        422,
        'UNPROCESSABLE_ENTITY',
        'INSTRUMENT_DECLINED',
        "The instrument presented was either declined by the processor or bank, or it can't be used for this payment.",
      );
    if (order.behaviour === 'payerActionRequired')
      return issue(422, 'UNPROCESSABLE_ENTITY', 'PAYER_ACTION_REQUIRED', 'Payer needs to perform the following action before proceeding with payment.');
    const amount =
      order.behaviour === 'capturesOtherAmount'
        ? { currency_code: order.amount.currency_code, value: (Number(order.amount.value) + 0.01).toFixed(2) }
        : order.amount;
    const pending = order.behaviour === 'pendingCapture';
    order.captures.push({
      id: paypalId(),
      status: pending ? 'PENDING' : 'COMPLETED',
      ...(pending && { status_details: { reason: 'PENDING_REVIEW' } }),
      amount,
      final_capture: true,
      seller_protection: { status: 'ELIGIBLE', dispute_categories: ['ITEM_NOT_RECEIVED', 'UNAUTHORIZED_TRANSACTION'] },
      supplementary_data: { related_ids: { order_id: order.id } },
      create_time: new Date().toISOString(),
      update_time: new Date().toISOString(),
      links: [],
    });
    order.status = 'COMPLETED';
    if (order.behaviour === 'lostAnswer')
      return { status: 500, body: { name: 'INTERNAL_SERVER_ERROR', message: 'An internal server error occurred.', debug_id: paypalId().toLowerCase() } };
    return { status: 201, body: this.orderJson(order) };
  }

  private refund(call: PayPalCall, captureId: string): Reply {
    const capture = [...this.orders.values()].flatMap((order) => order.captures).find((candidate) => candidate.id === captureId);
    if (!capture) return issue(404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID', 'Specified resource ID does not exist.');
    if (capture.status === 'REFUNDED') return issue(422, 'UNPROCESSABLE_ENTITY', 'CAPTURE_FULLY_REFUNDED', 'The capture has already been fully refunded.');
    capture.status = 'REFUNDED';
    const id = paypalId();
    const links = [{ rel: 'up', method: 'GET', href: `https://api.sandbox.paypal.com/v2/payments/captures/${captureId}` }];
    return { status: 201, body: { id, status: 'COMPLETED', amount: call.body?.amount ?? capture.amount, custom_id: call.body?.custom_id, links } };
  }

  private verify(call: PayPalCall): Reply {
    if (this.verificationDown)
      return { status: 503, body: { name: 'SERVICE_UNAVAILABLE', message: 'Service Unavailable.', debug_id: paypalId().toLowerCase() } };
    const body = call.body ?? {};
    const fields = ['auth_algo', 'cert_url', 'transmission_id', 'transmission_sig', 'transmission_time', 'webhook_id'];
    if (fields.some((field) => typeof body[field] !== 'string') || typeof body.webhook_event !== 'object') {
      return issue(400, 'VALIDATION_ERROR', 'MISSING_REQUIRED_PARAMETER', 'A required field is missing.');
    }
    const expected = this.signatureOf(
      body.transmission_id as string,
      body.transmission_time as string,
      body.webhook_id as string,
      JSON.stringify(body.webhook_event),
    );
    const verified = body.webhook_id === this.webhookId && body.transmission_sig === expected;
    return { status: 200, body: { verification_status: verified ? 'SUCCESS' : 'FAILURE' } };
  }

  private orderJson(order: FakeOrder) {
    return {
      id: order.id,
      intent: order.intent,
      status: order.status,
      purchase_units: [
        {
          reference_id: 'default',
          amount: order.amount,
          ...((order.captures.length > 0 || order.authorizations.length > 0) && {
            payments: {
              ...(order.authorizations.length > 0 && { authorizations: order.authorizations.map((authorization) => this.authorizationJson(authorization)) }),
              ...(order.captures.length > 0 && { captures: order.captures }),
            },
          }),
        },
      ],
      links: [{ href: `https://api.sandbox.paypal.com/v2/checkout/orders/${order.id}`, rel: 'self', method: 'GET' }],
    };
  }
}
