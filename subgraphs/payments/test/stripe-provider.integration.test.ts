import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { Money, Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { createPaymentsSubgraph } from '../src/payments.subgraph';
import { loadPaymentsConfig } from '../src/payments.config';
import { FakeStripeApi } from './support/fake-stripe-api';
import { sagaEvents } from './support/saga-events';
import { StripeProvider } from '../src/provider/stripe-provider';
import { createStripeClient } from '../src/provider/stripe-client';
import { reconcilePendingPayments } from '../src/reconciliation/reconcile-payments.job';
import { PAYMENT, PROCESS_PAYMENT, type OutboxEnvelope, type PaymentResult, type ProcessPaymentResult } from './support/payment-operations';

const WEBHOOK_SECRET = 'whsec_test_payments_suite';
const SECRET_KEY = 'sk_test_payments_suite';

describe('payments subgraph: the Stripe provider and its webhook', () => {
  const storeId = randomUUID();
  const customerId = randomUUID();
  const customer = tokenFor([Role.CUSTOMER], storeId, customerId);
  const stripeApi = new FakeStripeApi();
  const stripe = new Stripe(SECRET_KEY);
  let payments: TestSubgraph;
  /** The same adapter the subgraph runs, for calling reconciliation directly. */
  let adapter: StripeProvider;
  const reconcile = () =>
    reconcilePendingPayments(payments.runtime, adapter, {
      afterSeconds: 0,
      intervalSeconds: 3600,
      backoffSeconds: 60,
      backoffCapSeconds: 3600,
      maxAttempts: 5,
    });
  const intentsOf = (orderId: string) => [...stripeApi.intents.values()].filter((intent) => (intent.metadata as { orderId: string }).orderId === orderId);
  const saga = sagaEvents(() => payments, storeId);

  const pay = async (orderId: string, paymentMethod: Record<string, unknown>, idempotencyKey = randomUUID()) => {
    const result = await payments.client(customer).rawRequest<ProcessPaymentResult>(PROCESS_PAYMENT, { input: { orderId, paymentMethod, idempotencyKey } });
    expect(result.errors).toBeUndefined();
    return result.data.processPayment;
  };
  const read = async (id: string) => (await payments.client(customer).rawRequest<{ payment: PaymentResult }>(PAYMENT, { id })).data.payment;
  const outbox = async (orderId: string): Promise<OutboxEnvelope[]> =>
    (await payments.runtime.dataSource.query(`SELECT envelope FROM outbox_event WHERE envelope->>'aggregateId' = $1 ORDER BY seq`, [orderId])).map(
      (row: { envelope: OutboxEnvelope }) => row.envelope,
    );

  const webhookUrl = () => payments.url.replace(/\/graphql$/, '/webhooks/stripe');
  const deliver = (payload: string, signature: string | null, method = 'POST') =>
    fetch(webhookUrl(), { method, headers: { 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}) }, body: payload });
  /** A webhook event as Stripe sends it, with a signature made by Stripe's own helper. */
  const signedEvent = (type: string, intent: Record<string, unknown>, id = `evt_${randomUUID().replace(/-/g, '')}`) => {
    const payload = JSON.stringify({
      id,
      object: 'event',
      type,
      api_version: '2026-10-28.endive',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: { object: intent },
    });
    return { payload, signature: stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }) };
  };

  beforeAll(async () => {
    await stripeApi.start();
    const config = loadPaymentsConfig({
      PAYMENTS_PROVIDER: 'stripe',
      PAYMENTS_ORDER_WAIT_MS: '2000',
      STRIPE_SECRET_KEY: SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE_URL: stripeApi.baseUrl,
    });
    payments = await startTestSubgraph(createPaymentsSubgraph(config));
    adapter = new StripeProvider(createStripeClient(config.stripe!));
  });
  afterAll(async () => {
    await payments.close();
    await stripeApi.stop();
  });

  it('creates and confirms one PaymentIntent with the payment’s idempotency key, amount, currency and metadata', async () => {
    const orderId = await saga.placeOrder({ customerId, total: 4999 });
    const result = await pay(orderId, { token: 'tok_visa' });
    expect(result.userErrors).toEqual([]);
    const payment = result.payment!;
    expect(payment).toMatchObject({ status: 'SUCCEEDED', provider: 'stripe', providerReference: expect.stringMatching(/^pi_fake_/) });

    const [paymentMethod] = stripeApi.calls.filter((call) => call.idempotencyKey === `payment-${payment.id}-payment-method`);
    expect(paymentMethod.path).toBe('/v1/payment_methods');
    expect(Object.fromEntries(paymentMethod.params)).toMatchObject({ type: 'card', 'card[token]': 'tok_visa' });

    const intents = stripeApi.callsTo('/v1/payment_intents').filter((call) => call.params.get('metadata[orderId]') === orderId);
    expect(intents).toHaveLength(1);
    expect(intents[0].idempotencyKey).toBe(`payment-${payment.id}`);
    expect(intents[0].authorization).toBe(`Bearer ${SECRET_KEY}`);
    expect(Object.fromEntries(intents[0].params)).toMatchObject({
      amount: '4999',
      currency: 'usd',
      confirm: 'true',
      payment_method: expect.stringMatching(/^pm_card_visa_/),
      'metadata[orderId]': orderId,
      'metadata[paymentId]': payment.id,
      'automatic_payment_methods[allow_redirects]': 'never',
    });
  });

  it('passes PaymentMethod ids straight through and maps declines to userErrors', async () => {
    const orderId = await saga.placeOrder({ customerId });
    const before = stripeApi.calls.length;
    const noFunds = await pay(orderId, { token: 'pm_card_chargeDeclinedInsufficientFunds' });
    expect(noFunds.userErrors).toEqual([{ code: 'INSUFFICIENT_FUNDS', field: ['input', 'paymentMethod'], message: 'Your card has insufficient funds.' }]);
    expect(noFunds.payment).toMatchObject({
      status: 'FAILED',
      providerReference: expect.stringMatching(/^pi_fake_/),
      transactions: [{ errorCode: 'insufficient_funds' }],
    });
    expect(stripeApi.calls.slice(before).map((call) => call.path)).toEqual(['/v1/payment_intents']);

    const declined = await pay(orderId, { token: 'tok_chargeDeclined' });
    expect(declined.userErrors[0].code).toBe('PAYMENT_DECLINED');
    expect(declined.payment?.transactions[0].errorCode).toBe('card_declined');

    const paid = await pay(orderId, { token: 'pm_card_visa' });
    expect(paid.payment?.status).toBe('SUCCEEDED');
    expect((await outbox(orderId)).map((event) => event.type)).toEqual([
      'payments.initiated',
      'payments.failed',
      'payments.initiated',
      'payments.failed',
      'payments.initiated',
      'payments.succeeded',
    ]);
  });

  it('refuses raw card numbers before anything is written or sent to Stripe', async () => {
    const orderId = await saga.placeOrder({ customerId });
    const before = stripeApi.calls.length;
    const result = await payments
      .client(customer)
      .rawRequest(PROCESS_PAYMENT, { input: { orderId, paymentMethod: { cardNumber: '4242424242424242' }, idempotencyKey: randomUUID() } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: ['input', 'paymentMethod', 'cardNumber'] }] });
    expect(stripeApi.calls.length).toBe(before);
    expect(await outbox(orderId)).toEqual([]);
  });

  it('keeps a payment PENDING when Stripe does not answer, and settles it once from a signed webhook', async () => {
    const orderId = await saga.placeOrder({ customerId, total: 1200 });
    const pending = await pay(orderId, { token: 'pm_card_unreachable' });
    expect(pending.payment).toMatchObject({ status: 'PENDING', providerReference: null, transactions: [{ type: 'SALE', status: 'PENDING' }] });
    expect(pending.userErrors).toEqual([expect.objectContaining({ code: 'PAYMENT_PENDING' })]);
    expect((await pay(orderId, { token: 'pm_card_visa' })).userErrors[0].code).toBe('PAYMENT_IN_PROGRESS');

    const paymentId = pending.payment!.id;
    const intent = { id: 'pi_late_1', object: 'payment_intent', status: 'succeeded', amount: 1200, currency: 'usd', metadata: { orderId, paymentId } };
    const event = signedEvent('payment_intent.succeeded', intent);

    const forged = await deliver(event.payload, stripe.webhooks.generateTestHeaderString({ payload: event.payload, secret: 'whsec_someone_else' }));
    expect(forged.status).toBe(400);
    expect(await deliver(event.payload, null).then((response) => response.status)).toBe(400);
    const tampered = await deliver(event.payload.replace('"amount":1200', '"amount":1'), event.signature);
    expect(tampered.status).toBe(400);
    expect((await read(paymentId)).status).toBe('PENDING');
    expect((await outbox(orderId)).map((entry) => entry.type)).toEqual(['payments.initiated']);

    const applied = await deliver(event.payload, event.signature);
    expect(applied.status).toBe(200);
    expect(await applied.json()).toEqual({ received: true, result: 'applied' });
    const again = await deliver(event.payload, stripe.webhooks.generateTestHeaderString({ payload: event.payload, secret: WEBHOOK_SECRET }));
    expect(await again.json()).toEqual({ received: true, result: 'duplicate' });

    expect(await read(paymentId)).toMatchObject({ status: 'SUCCEEDED', providerReference: 'pi_late_1', transactions: [{ type: 'SALE', status: 'SUCCEEDED' }] });
    const events = await outbox(orderId);
    expect(events.map((entry) => entry.type)).toEqual(['payments.initiated', 'payments.succeeded']);
    expect(events[1].data).toMatchObject({ paymentId, providerReference: 'pi_late_1', amount: { amount: 1200, currencyCode: 'USD' } });
  });

  it('settles a pending payment as FAILED from payment_intent.payment_failed, and ignores what is not ours', async () => {
    const orderId = await saga.placeOrder({ customerId });
    const paymentId = (await pay(orderId, { token: 'pm_card_unreachable' })).payment!.id;
    const failed = signedEvent('payment_intent.payment_failed', {
      id: 'pi_late_2',
      object: 'payment_intent',
      status: 'requires_payment_method',
      metadata: { orderId, paymentId },
      last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
    });
    expect((await deliver(failed.payload, failed.signature)).status).toBe(200);
    expect(await read(paymentId)).toMatchObject({ status: 'FAILED', transactions: [{ status: 'FAILED', errorCode: 'insufficient_funds' }] });
    expect((await outbox(orderId)).map((entry) => entry.type)).toEqual(['payments.initiated', 'payments.failed']);

    const foreign = signedEvent('payment_intent.succeeded', { id: 'pi_other_shop', object: 'payment_intent', status: 'succeeded', metadata: {} });
    expect(await (await deliver(foreign.payload, foreign.signature)).json()).toEqual({ received: true, result: 'ignored' });
    const other = signedEvent('charge.refunded', { id: 'ch_1', object: 'charge' });
    expect(await (await deliver(other.payload, other.signature)).json()).toEqual({ received: true, result: 'ignored' });
    expect((await deliver('{}', null, 'PUT')).status).toBe(405);
  });

  it('refunds through Stripe when a paid order’s stock could not be committed', async () => {
    const orderId = await saga.placeOrder({ customerId, total: 3100 });
    const payment = (await pay(orderId, { token: 'pm_card_visa' })).payment!;
    await saga.commitFailed(orderId);
    const refunded = await eventually(async () => {
      const current = await read(payment.id);
      return current.status === 'REFUNDED' ? current : null;
    });
    expect(refunded.transactions.map((transaction) => transaction.type)).toEqual(['SALE', 'REFUND']);
    expect(refunded.transactions[1].providerReference).toMatch(/^re_fake_/);
    const refunds = stripeApi.callsTo('/v1/refunds').filter((call) => call.params.get('payment_intent') === payment.providerReference);
    expect(refunds).toHaveLength(1);
    expect(refunds[0].idempotencyKey).toBe(`refund-${payment.id}`);
    expect(Object.fromEntries(refunds[0].params)).toMatchObject({ amount: '3100', 'metadata[orderId]': orderId, 'metadata[paymentId]': payment.id });
    expect((await outbox(orderId)).map((entry) => entry.type)).toEqual(['payments.initiated', 'payments.succeeded', 'payments.refunded']);
  });

  it('the adapter: maps Stripe’s refund errors and failed refunds to refusals, and refunds again once Stripe lets it', async () => {
    const orderId = await saga.placeOrder({ customerId, total: 1200 });
    const payment = (await pay(orderId, { token: 'pm_card_visa' })).payment!;
    const refund = (idempotencyKey: string) =>
      adapter.refund({
        paymentId: payment.id,
        orderId,
        providerReference: payment.providerReference!,
        amount: { amount: 500, currencyCode: 'USD' },
        reason: 'damaged',
        idempotencyKey,
      });
    try {
      stripeApi.failRefunds = 'declined';
      await expect(refund('refund-a')).rejects.toMatchObject({ name: 'RefundRefusedError', errorCode: 'charge_disputed' });
      stripeApi.failRefunds = 'failed';
      await expect(refund('refund-b')).rejects.toMatchObject({ name: 'RefundRefusedError', errorCode: 'expired_or_canceled_card' });
    } finally {
      stripeApi.failRefunds = null;
    }
    await expect(refund('refund-c')).resolves.toEqual({ providerReference: expect.stringMatching(/^re_fake_/) });
    const sent = stripeApi.callsTo('/v1/refunds').filter((call) => call.params.get('payment_intent') === payment.providerReference);
    expect(sent.map((call) => [call.idempotencyKey, call.params.get('amount')])).toEqual([
      ['refund-a', '500'],
      ['refund-b', '500'],
      ['refund-c', '500'],
    ]);
  });

  describe('payments that never get stuck', () => {
    it('retries a payment whose answer was lost with a new client key: Stripe gets the same key and answers the same PaymentIntent', async () => {
      const orderId = await saga.placeOrder({ customerId, total: 2100 });
      const pending = await pay(orderId, { token: 'pm_card_lostAnswer' });
      expect(pending.payment).toMatchObject({ status: 'PENDING', providerReference: null });
      const paymentId = pending.payment!.id;

      const retried = await pay(orderId, { token: 'pm_card_lostAnswer' });
      expect(retried.userErrors).toEqual([]);
      expect(retried.payment).toMatchObject({ id: paymentId, status: 'SUCCEEDED', providerReference: intentsOf(orderId)[0].id });
      const creations = stripeApi.callsTo('/v1/payment_intents').filter((call) => call.params.get('metadata[orderId]') === orderId);
      expect(creations.map((call) => call.idempotencyKey)).toEqual([`payment-${paymentId}`, `payment-${paymentId}`]);
      expect(intentsOf(orderId)).toHaveLength(1);
      expect((await outbox(orderId)).map((entry) => entry.type)).toEqual(['payments.initiated', 'payments.succeeded']);
    });

    it('keeps a rate-limited (429) payment PENDING with nothing charged, and charges once on the retry', async () => {
      const orderId = await saga.placeOrder({ customerId });
      const key = randomUUID();
      const limited = await pay(orderId, { token: 'pm_card_rateLimited' }, key);
      expect(limited.payment?.status).toBe('PENDING');
      expect(limited.userErrors[0]).toMatchObject({ code: 'PAYMENT_PENDING', message: expect.stringMatching(/rate limiting/) });
      expect(intentsOf(orderId)).toHaveLength(0);
      const retried = await pay(orderId, { token: 'pm_card_rateLimited' }, key);
      expect(retried.payment).toMatchObject({ id: limited.payment!.id, status: 'SUCCEEDED' });
      expect(intentsOf(orderId)).toHaveLength(1);
    });

    it('reconciles a payment whose answer was lost (found by its metadata), then ignores the webhook that follows', async () => {
      const orderId = await saga.placeOrder({ customerId, total: 900 });
      const paymentId = (await pay(orderId, { token: 'pm_card_lostAnswer' })).payment!.id;
      expect((await reconcile()).settled).toContain(paymentId);
      const searches = stripeApi.callsTo('/v1/payment_intents/search').filter((call) => call.params.get('query')?.includes(paymentId));
      expect(searches).toHaveLength(1);
      const [intent] = intentsOf(orderId);
      expect(await read(paymentId)).toMatchObject({ status: 'SUCCEEDED', providerReference: intent.id });

      const late = signedEvent('payment_intent.succeeded', intent);
      expect((await deliver(late.payload, late.signature)).status).toBe(200);
      expect((await deliver(late.payload, late.signature)).status).toBe(200);
      expect((await outbox(orderId)).map((entry) => entry.type)).toEqual(['payments.initiated', 'payments.succeeded']);
    });

    it('settles once when the webhook arrives before the synchronous answer', async () => {
      const orderId = await saga.placeOrder({ customerId });
      const answer = pay(orderId, { token: 'pm_card_held' });
      await stripeApi.held;
      const [intent] = intentsOf(orderId);
      const early = signedEvent('payment_intent.succeeded', intent);
      expect(await (await deliver(early.payload, early.signature)).json()).toEqual({ received: true, result: 'applied' });
      stripeApi.release();
      const result = await answer;
      expect(result.payment).toMatchObject({ status: 'SUCCEEDED', providerReference: intent.id });
      expect(result.userErrors).toEqual([]);
      expect((await outbox(orderId)).map((entry) => entry.type)).toEqual(['payments.initiated', 'payments.succeeded']);
    });

    it('the adapter: a timeout leaves the outcome unknown, a lookup finds the charge, a retry with the key answers the same PaymentIntent', async () => {
      const quick = new StripeProvider(
        createStripeClient({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, apiBaseUrl: stripeApi.baseUrl, timeoutMs: 300 }),
      );
      const paymentId = randomUUID();
      const request = {
        paymentId,
        orderId: randomUUID(),
        amount: { amount: 500, currencyCode: 'USD' },
        method: { token: 'pm_card_slow' },
        idempotencyKey: `payment-${paymentId}`,
      };
      stripeApi.slow = true;
      const timedOut = await quick.charge(request as Parameters<StripeProvider['charge']>[0]);
      expect(timedOut).toMatchObject({ status: 'pending', providerReference: null });
      const creations = stripeApi.callsTo('/v1/payment_intents').filter((call) => call.params.get('metadata[paymentId]') === paymentId);
      expect(creations.length).toBeGreaterThanOrEqual(1);
      expect(new Set(creations.map((call) => call.idempotencyKey))).toEqual(new Set([`payment-${paymentId}`]));

      const found = await quick.lookup({ paymentId, providerReference: null, idempotencyKey: `payment-${paymentId}`, amount: request.amount });
      expect(found).toMatchObject({ status: 'succeeded', providerReference: expect.stringMatching(/^pi_fake_/) });
      expect(
        await quick.lookup({ paymentId, providerReference: found!.providerReference, idempotencyKey: `payment-${paymentId}`, amount: request.amount }),
      ).toEqual(found);
      stripeApi.slow = false;
      expect(await quick.charge(request as Parameters<StripeProvider['charge']>[0])).toEqual(found);
      expect([...stripeApi.intents.values()].filter((intent) => (intent.metadata as { paymentId: string }).paymentId === paymentId)).toHaveLength(1);
      expect(await quick.lookup({ paymentId: randomUUID(), providerReference: null, idempotencyKey: 'payment-none', amount: request.amount })).toBeNull();
    });

    it('the adapter: a connection error leaves the outcome unknown, and a lookup that cannot reach Stripe throws (retried later)', async () => {
      const closed = new FakeStripeApi();
      await closed.start();
      const baseUrl = closed.baseUrl;
      await closed.stop();
      const unreachable = new StripeProvider(createStripeClient({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, apiBaseUrl: baseUrl, timeoutMs: 300 }));
      const paymentId = randomUUID();
      const outcome = await unreachable.charge({
        paymentId,
        orderId: randomUUID(),
        amount: { amount: 500, currencyCode: 'USD' } as Parameters<StripeProvider['charge']>[0]['amount'],
        method: { token: 'pm_card_visa' },
        idempotencyKey: `payment-${paymentId}`,
      });
      expect(outcome).toMatchObject({ status: 'pending', providerReference: null, message: expect.stringMatching(/did not answer/) });
      await expect(
        unreachable.lookup({ paymentId, providerReference: null, idempotencyKey: `payment-${paymentId}`, amount: Money.of(500, 'USD') }),
      ).rejects.toBeInstanceOf(Stripe.errors.StripeConnectionError);
    });
  });
});
