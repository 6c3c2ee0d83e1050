import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import type { DataSource } from 'typeorm';
import { envelopeFor, Money, Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { createPaymentsSubgraph } from '../src/payments.subgraph';
import { loadPaymentsConfig } from '../src/payments.config';
import { StripeProvider } from '../src/provider/stripe-provider';
import { createStripeClient } from '../src/provider/stripe-client';
import { ProviderRefusal } from '../src/provider/payment-provider';
import { FakeStripeApi } from './support/fake-stripe-api';
import { sagaEvents } from './support/saga-events';
import { PROCESS_PAYMENT, type ProcessPaymentResult } from './support/payment-operations';
import { CAPTURE_PAYMENT, type CapturePaymentResult } from './support/capture-operations';

const WEBHOOK_SECRET = 'whsec_test_capture_suite';
const SECRET_KEY = 'sk_test_capture_suite';

describe('payments subgraph: authorize and capture with Stripe (against the local stand-in)', () => {
  const storeId = randomUUID();
  const customerId = randomUUID();
  const customer = tokenFor([Role.CUSTOMER], storeId, customerId);
  const merchant = tokenFor([Role.MERCHANT], storeId);
  const stripeApi = new FakeStripeApi();
  const stripe = new Stripe(SECRET_KEY);
  let payments: TestSubgraph;
  let owner: DataSource;
  let adapter: StripeProvider;
  const saga = sagaEvents(() => payments, storeId);

  const authorizeRequest = (token: string) => ({
    paymentId: randomUUID(),
    orderId: randomUUID(),
    amount: Money.of(10_000, 'USD'),
    method: { token },
    idempotencyKey: `payment-${randomUUID()}`,
  });
  const captureRequest = (providerReference: string, amount: number, final: boolean, idempotencyKey = `capture-${randomUUID()}`) => ({
    paymentId: 'p',
    orderId: 'o',
    providerReference,
    amount: Money.of(amount, 'USD'),
    final,
    idempotencyKey,
  });
  const paymentStatus = async (id: string) => (await owner.query(`SELECT status FROM payment WHERE id = $1`, [id]))[0]?.status as string;
  /** Delivers a signed webhook event and answers what payments did with it (`result`). */
  const deliver = async (type: string, intent: Record<string, unknown>): Promise<string> => {
    const payload = JSON.stringify({
      id: `evt_${randomUUID().replace(/-/g, '')}`,
      object: 'event',
      type,
      api_version: '2026-10-28.endive',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: { object: intent },
    });
    const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    const response = await fetch(payments.url.replace(/\/graphql$/, '/webhooks/stripe'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      body: payload,
    });
    return ((await response.json()) as { result: string }).result;
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
    owner = await openOwnerConnection(payments.runtime.config);
    adapter = new StripeProvider(createStripeClient(config.stripe!));
    const { js, names } = payments.runtime;
    const event = envelopeFor(
      { type: 'stores.updated', storeId, aggregateId: storeId, aggregateVersion: 3, data: { storeId, settings: { paymentCaptureMode: 'MANUAL' } } },
      { correlationId: randomUUID(), causationId: null },
    );
    await js.publish(names.subject('stores.updated'), JSON.stringify(event), { msgID: event.id });
    await eventually(
      async () =>
        (await owner.query(`SELECT payment_capture_mode FROM store_checkout_settings WHERE store_id = $1`, [storeId]))[0]?.payment_capture_mode === 'MANUAL',
    );
  });
  afterAll(async () => {
    await owner.destroy();
    await payments.close();
    await stripeApi.stop();
  });

  it('authorizes with a manual-capture PaymentIntent asking for multicapture, and captures in parts with idempotency keys', async () => {
    const request = authorizeRequest('pm_card_visa');
    const outcome = await adapter.authorize(request);
    expect(outcome).toMatchObject({ status: 'authorized', providerReference: expect.stringMatching(/^pi_fake_/) });
    if (outcome.status !== 'authorized') throw new Error('not authorized');
    expect(outcome.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const [created] = stripeApi.callsTo('/v1/payment_intents').filter((call) => call.idempotencyKey === request.idempotencyKey);
    expect(Object.fromEntries(created.params)).toMatchObject({
      capture_method: 'manual',
      'payment_method_options[card][request_multicapture]': 'if_available',
    });

    const first = await adapter.capture(captureRequest(outcome.providerReference, 4_000, false, 'capture-first'));
    expect(first.closed).toBe(false);
    const [firstCall] = stripeApi.callsTo(`/v1/payment_intents/${outcome.providerReference}/capture`);
    expect(firstCall.idempotencyKey).toBe('capture-first');
    expect(Object.fromEntries(firstCall.params)).toMatchObject({ amount_to_capture: '4000', final_capture: 'false' });
    await expect(adapter.capture(captureRequest(outcome.providerReference, 6_001, false))).rejects.toMatchObject({ code: 'amount_too_large' });
    const last = await adapter.capture(captureRequest(outcome.providerReference, 6_000, true));
    expect(last.closed).toBe(true);
    expect(
      await adapter.lookupAuthorization({
        paymentId: 'p',
        providerReference: outcome.providerReference,
        idempotencyKey: 'x',
        amount: { amount: 10_000, currencyCode: 'USD' },
      }),
    ).toMatchObject({
      status: 'captured',
      capturedAmount: 10_000,
    });
  });

  it('degrades to one final capture when the card offers no multicapture (Stripe releases the rest)', async () => {
    const outcome = await adapter.authorize(authorizeRequest('pm_card_noMulticapture'));
    if (outcome.status !== 'authorized') throw new Error('not authorized');
    const capture = await adapter.capture(captureRequest(outcome.providerReference, 3_000, false));
    expect(capture.closed).toBe(true);
    const [call] = stripeApi.callsTo(`/v1/payment_intents/${outcome.providerReference}/capture`);
    expect(call.params.get('final_capture')).toBeNull();
  });

  it('voids with paymentIntents.cancel (a repeated void succeeds) and then refuses to capture', async () => {
    const outcome = await adapter.authorize(authorizeRequest('pm_card_visa'));
    if (outcome.status !== 'authorized') throw new Error('not authorized');
    const voidRequest = { paymentId: 'p', orderId: 'o', providerReference: outcome.providerReference, idempotencyKey: 'void-1' };
    await adapter.void(voidRequest);
    await adapter.void({ ...voidRequest, idempotencyKey: 'void-2' });
    const [cancel] = stripeApi.callsTo(`/v1/payment_intents/${outcome.providerReference}/cancel`);
    expect(cancel.idempotencyKey).toBe('void-1');
    const refused = await adapter.capture(captureRequest(outcome.providerReference, 1, false)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProviderRefusal);
    expect((refused as ProviderRefusal).code).toBe('payment_intent_unexpected_state');
  });

  it('in a MANUAL store: processPayment authorizes, capturePayment captures through Stripe, a canceled intent’s webhook voids', async () => {
    const orderId = await saga.placeOrder({ customerId, total: 8_000 });
    const paid = await payments.client(customer).rawRequest<ProcessPaymentResult>(PROCESS_PAYMENT, {
      input: { orderId, paymentMethod: { token: 'pm_card_visa' }, idempotencyKey: randomUUID() },
    });
    const payment = paid.data.processPayment.payment!;
    expect(payment).toMatchObject({ status: 'AUTHORIZED', transactions: [{ type: 'AUTHORIZATION', status: 'SUCCEEDED' }] });

    // Stripe's own report of the hold converges with the answer we had: nothing changes
    const intent = stripeApi.intents.get(payment.providerReference!)!;
    expect(await deliver('payment_intent.amount_capturable_updated', intent)).toBe('applied');
    expect(await paymentStatus(payment.id)).toBe('AUTHORIZED');

    const captured = await payments
      .client(merchant)
      .rawRequest<CapturePaymentResult>(CAPTURE_PAYMENT, { input: { paymentId: payment.id, amount: 2_000, idempotencyKey: 'staff-1' } });
    expect(captured.data.capturePayment).toMatchObject({ userErrors: [], payment: { status: 'PARTIALLY_CAPTURED', capturedAmount: { amount: 2_000 } } });
    const [call] = stripeApi.callsTo(`/v1/payment_intents/${payment.providerReference}/capture`);
    expect(call.idempotencyKey).toBe(`capture-${payment.id}-staff-1`);

    // canceled at Stripe (the dashboard, or an expired hold): the payment is VOIDED, once
    Object.assign(intent, { status: 'canceled', cancellation_reason: 'requested_by_customer' });
    expect(await deliver('payment_intent.canceled', intent)).toBe('applied');
    expect(await paymentStatus(payment.id)).toBe('VOIDED');
    const voids = await owner.query(`SELECT amount FROM payment_transaction WHERE payment_id = $1 AND type = 'VOID'`, [payment.id]);
    expect(voids).toEqual([{ amount: '6000' }]);
  });

  it('a webhook brings the authorization of a payment whose answer was lost', async () => {
    const orderId = await saga.placeOrder({ customerId, total: 5_000 });
    const paid = await payments.client(customer).rawRequest<ProcessPaymentResult>(PROCESS_PAYMENT, {
      input: { orderId, paymentMethod: { token: 'pm_card_lostAnswer' }, idempotencyKey: randomUUID() },
    });
    const payment = paid.data.processPayment.payment!;
    expect(payment.status).toBe('PENDING');
    const intent = [...stripeApi.intents.values()].find((candidate) => (candidate.metadata as { paymentId: string }).paymentId === payment.id)!;
    expect(intent.status).toBe('requires_capture');
    expect(await deliver('payment_intent.amount_capturable_updated', intent)).toBe('applied');
    expect(await paymentStatus(payment.id)).toBe('AUTHORIZED');
  });
});
