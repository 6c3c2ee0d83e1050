import { randomUUID } from 'node:crypto';
import { Money, Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { createPaymentsSubgraph } from '../src/payments.subgraph';
import { loadPaymentsConfig, type PayPalSettings } from '../src/payments.config';
import { PayPalProvider } from '../src/provider/paypal-provider';
import { createPayPalClient } from '../src/provider/paypal-client';
import { reconcilePendingPayments } from '../src/reconciliation/reconcile-payments.job';
import { FakePayPalApi } from './support/fake-paypal-api';
import { sagaEvents } from './support/saga-events';
import { PAYMENT, PROCESS_PAYMENT, type OutboxEnvelope, type PaymentResult, type ProcessPaymentResult } from './support/payment-operations';

const CLIENT_ID = 'AYpaypal-suite-client';
const CLIENT_SECRET = 'EKpaypal-suite-secret';
const WEBHOOK_ID = '8PT597110X687430LKGECATA';

describe('payments subgraph: the PayPal provider and its webhook', () => {
  const storeId = randomUUID();
  const customerId = randomUUID();
  const customer = tokenFor([Role.CUSTOMER], storeId, customerId);
  const paypalApi = new FakePayPalApi(CLIENT_ID, CLIENT_SECRET, WEBHOOK_ID);
  let payments: TestSubgraph;
  let settings: PayPalSettings;
  /** The same adapter the subgraph runs, for calling reconciliation directly. */
  let adapter: PayPalProvider;
  const reconcile = () =>
    reconcilePendingPayments(payments.runtime, adapter, {
      afterSeconds: 0,
      intervalSeconds: 3600,
      backoffSeconds: 60,
      backoffCapSeconds: 3600,
      maxAttempts: 5,
    });
  const saga = sagaEvents(() => payments, storeId);

  const pay = async (orderId: string, token: string, idempotencyKey = randomUUID()) => {
    const result = await payments
      .client(customer)
      .rawRequest<ProcessPaymentResult>(PROCESS_PAYMENT, { input: { orderId, paymentMethod: { token }, idempotencyKey } });
    expect(result.errors).toBeUndefined();
    return result.data.processPayment;
  };
  const read = async (id: string) => (await payments.client(customer).rawRequest<{ payment: PaymentResult }>(PAYMENT, { id })).data.payment;
  const outbox = async (orderId: string): Promise<OutboxEnvelope[]> =>
    (await payments.runtime.dataSource.query(`SELECT envelope FROM outbox_event WHERE envelope->>'aggregateId' = $1 ORDER BY seq`, [orderId])).map(
      (row: { envelope: OutboxEnvelope }) => row.envelope,
    );
  const capturesOf = (paypalOrderId: string) => paypalApi.callsTo(`/v2/checkout/orders/${paypalOrderId}/capture`);

  const webhookUrl = () => payments.url.replace(/\/graphql$/, '/webhooks/paypal');
  const deliver = (payload: string, headers: Record<string, string>, method = 'POST') =>
    fetch(webhookUrl(), { method, headers: { 'content-type': 'application/json', ...headers }, body: payload });

  beforeAll(async () => {
    await paypalApi.start();
    const config = loadPaymentsConfig({
      PAYMENTS_PROVIDER: 'paypal',
      PAYMENTS_ORDER_WAIT_MS: '2000',
      PAYPAL_CLIENT_ID: CLIENT_ID,
      PAYPAL_CLIENT_SECRET: CLIENT_SECRET,
      PAYPAL_WEBHOOK_ID: WEBHOOK_ID,
      PAYPAL_API_BASE_URL: paypalApi.baseUrl,
    });
    settings = config.paypal!;
    payments = await startTestSubgraph(createPaymentsSubgraph(config));
    adapter = new PayPalProvider(createPayPalClient(settings));
  });
  afterAll(async () => {
    await payments.close();
    await paypalApi.stop();
  });

  it('reads the approved PayPal order, captures it once with the payment’s PayPal-Request-Id, and keeps its id as the reference', async () => {
    const orderId = await saga.placeOrder({ customerId, total: 4999 });
    const paypalOrderId = paypalApi.approvedOrder('49.99');
    const tokensBefore = paypalApi.callsTo('/v1/oauth2/token').length;
    const result = await pay(orderId, paypalOrderId);
    expect(result.userErrors).toEqual([]);
    const payment = result.payment!;
    expect(payment).toMatchObject({
      status: 'SUCCEEDED',
      provider: 'paypal',
      providerReference: paypalOrderId,
      transactions: [{ type: 'SALE', status: 'SUCCEEDED' }],
    });

    const [read, capture, ...more] = paypalApi.calls.filter((call) => call.path.includes(paypalOrderId));
    expect(more).toEqual([]);
    expect(read).toMatchObject({ method: 'GET', path: `/v2/checkout/orders/${paypalOrderId}` });
    expect(capture).toMatchObject({ method: 'POST', path: `/v2/checkout/orders/${paypalOrderId}/capture`, requestId: `payment-${payment.id}` });
    expect(capture.authorization).toMatch(/^Bearer A21AA/);
    expect(paypalApi.captureOf(paypalOrderId)).toMatchObject({ status: 'COMPLETED', amount: { currency_code: 'USD', value: '49.99' } });
    // one OAuth token serves every call until it expires
    expect(paypalApi.callsTo('/v1/oauth2/token').length - tokensBefore).toBeLessThanOrEqual(1);
    expect(paypalApi.callsTo('/v1/oauth2/token')[0].authorization).toBe(`Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`);

    const events = await outbox(orderId);
    expect(events.map((event) => event.type)).toEqual(['payments.initiated', 'payments.succeeded']);
    expect(events[1].data).toMatchObject({ paymentId: payment.id, provider: 'paypal', providerReference: paypalOrderId });
  });

  it('maps PayPal’s refusals to failed payments the shopper can act on, then takes another approved order', async () => {
    const orderId = await saga.placeOrder({ customerId, total: 2000 });
    const refusals: [string, string][] = [
      [paypalApi.approvedOrder('20.00', 'declined'), 'INSTRUMENT_DECLINED'],
      [paypalApi.approvedOrder('20.00', 'payerActionRequired'), 'PAYER_ACTION_REQUIRED'],
      [paypalApi.approvedOrder('20.00', 'notApproved'), 'ORDER_NOT_APPROVED'],
      ['0ABCDEF1234567890', 'RESOURCE_NOT_FOUND'],
    ];
    for (const [paypalOrderId, issue] of refusals) {
      const refused = await pay(orderId, paypalOrderId);
      expect(refused.userErrors).toEqual([{ code: 'PAYMENT_DECLINED', field: ['input', 'paymentMethod'], message: expect.any(String) }]);
      expect(refused.payment).toMatchObject({ status: 'FAILED', transactions: [{ type: 'SALE', status: 'FAILED', errorCode: issue }] });
    }
    expect(paypalApi.orders.get(refusals[0][0])!.captures).toEqual([]);

    const paid = await pay(orderId, paypalApi.approvedOrder('20.00'));
    expect(paid.payment?.status).toBe('SUCCEEDED');
    expect((await outbox(orderId)).map((event) => event.type)).toEqual([
      ...refusals.flatMap(() => ['payments.initiated', 'payments.failed']),
      'payments.initiated',
      'payments.succeeded',
    ]);
  });

  it('refuses card numbers and tokens that are no PayPal order id before anything is written or sent to PayPal', async () => {
    const orderId = await saga.placeOrder({ customerId });
    const before = paypalApi.calls.length;
    for (const paymentMethod of [{ cardNumber: '4242424242424242' }, { token: 'pm_card_visa' }]) {
      const result = await payments.client(customer).rawRequest(PROCESS_PAYMENT, { input: { orderId, paymentMethod, idempotencyKey: randomUUID() } });
      expect(result.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: ['input', 'paymentMethod', Object.keys(paymentMethod)[0]] }],
      });
    }
    expect(paypalApi.calls.length).toBe(before);
    expect(await outbox(orderId)).toEqual([]);
  });

  it('fails a PayPal order for another amount or currency without capturing it', async () => {
    const orderId = await saga.placeOrder({ customerId, total: 4999 });
    for (const paypalOrderId of [paypalApi.approvedOrder('0.01'), paypalApi.approvedOrder('49.99', 'approved', 'EUR')]) {
      const result = await pay(orderId, paypalOrderId);
      expect(result.userErrors[0]).toMatchObject({ code: 'PAYMENT_DECLINED', message: expect.stringMatching(/not 49\.99 USD; nothing was captured/) });
      expect(result.payment).toMatchObject({ status: 'FAILED', transactions: [{ errorCode: 'AMOUNT_MISMATCH' }] });
      expect(capturesOf(paypalOrderId)).toEqual([]);
      expect(paypalApi.orders.get(paypalOrderId)!.status).toBe('APPROVED');
    }
    expect((await outbox(orderId)).map((event) => event.type)).toEqual(['payments.initiated', 'payments.failed', 'payments.initiated', 'payments.failed']);
  });

  it('fails a capture of another amount than the payment’s and gives that money back at once', async () => {
    const orderId = await saga.placeOrder({ customerId, total: 1500 });
    const paypalOrderId = paypalApi.approvedOrder('15.00', 'capturesOtherAmount');
    const result = await pay(orderId, paypalOrderId);
    expect(result.payment).toMatchObject({ status: 'FAILED', transactions: [{ errorCode: 'AMOUNT_MISMATCH' }] });
    expect(result.userErrors[0].message).toMatch(/15\.01 USD, not 15\.00 USD; what PayPal captured was refunded/);
    const capture = paypalApi.captureOf(paypalOrderId);
    expect(capture.status).toBe('REFUNDED');
    const [refund] = paypalApi.callsTo(`/v2/payments/captures/${capture.id as string}/refund`);
    expect(refund).toMatchObject({ requestId: `payment-${result.payment!.id}-amount-mismatch`, body: { amount: { currency_code: 'USD', value: '15.01' } } });
  });

  it('refuses to pay a second order with a PayPal order another payment captured', async () => {
    const paypalOrderId = paypalApi.approvedOrder('30.00');
    const first = await saga.placeOrder({ customerId, total: 3000 });
    expect((await pay(first, paypalOrderId)).payment?.status).toBe('SUCCEEDED');
    const second = await saga.placeOrder({ customerId, total: 3000 });
    const reused = await pay(second, paypalOrderId);
    expect(reused.payment).toMatchObject({ status: 'FAILED', transactions: [{ errorCode: 'ORDER_ALREADY_CAPTURED' }] });
    expect(reused.userErrors[0]).toMatchObject({ code: 'PAYMENT_DECLINED', message: expect.stringMatching(/already used/) });
    expect(paypalApi.orders.get(paypalOrderId)!.captures).toHaveLength(1);
  });

  it('refunds the capture through PayPal when a paid order’s stock could not be committed', async () => {
    const orderId = await saga.placeOrder({ customerId, total: 3100 });
    const paypalOrderId = paypalApi.approvedOrder('31.00');
    const payment = (await pay(orderId, paypalOrderId)).payment!;
    await saga.commitFailed(orderId);
    const refunded = await eventually(async () => {
      const current = await read(payment.id);
      return current.status === 'REFUNDED' ? current : null;
    });
    const capture = paypalApi.captureOf(paypalOrderId);
    const refunds = paypalApi.callsTo(`/v2/payments/captures/${capture.id as string}/refund`);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ requestId: `refund-${payment.id}`, body: { amount: { currency_code: 'USD', value: '31.00' }, custom_id: payment.id } });
    expect(capture.status).toBe('REFUNDED');
    expect(refunded.transactions.map((transaction) => [transaction.type, transaction.status])).toEqual([
      ['SALE', 'SUCCEEDED'],
      ['REFUND', 'SUCCEEDED'],
    ]);
    expect(refunded.transactions[1].providerReference).toMatch(/^[0-9A-F]{17}$/);
    expect((await outbox(orderId)).map((event) => event.type)).toEqual(['payments.initiated', 'payments.succeeded', 'payments.refunded']);

    // a retried refund (the consumer's transaction failed after PayPal refunded) names the same refund and refunds nothing more
    const again = await adapter.refund({
      paymentId: payment.id,
      orderId,
      providerReference: paypalOrderId,
      amount: Money.of(3100, 'USD'),
      reason: 'retry',
      idempotencyKey: `refund-${payment.id}`,
    });
    expect(again).toEqual({ providerReference: refunded.transactions[1].providerReference });
    expect(paypalApi.callsTo(`/v2/payments/captures/${capture.id as string}/refund`).map((call) => call.requestId)).toEqual([
      `refund-${payment.id}`,
      `refund-${payment.id}`,
    ]);
    // refunded elsewhere: done, referenced by the capture
    expect(
      await adapter.refund({
        paymentId: payment.id,
        orderId,
        providerReference: paypalOrderId,
        amount: Money.of(3100, 'USD'),
        reason: 'by hand',
        idempotencyKey: `refund-${randomUUID()}`,
      }),
    ).toEqual({ providerReference: capture.id });

    // PayPal reports the refund we made: nothing more happens
    const report = paypalApi.signedWebhook('PAYMENT.CAPTURE.REFUNDED', { id: refunded.transactions[1].providerReference, status: 'COMPLETED' });
    expect(await (await deliver(report.payload, report.headers)).json()).toEqual({ received: true, result: 'unchanged' });
    const foreign = paypalApi.signedWebhook('PAYMENT.CAPTURE.REFUNDED', { id: '1JU08902781691411', status: 'COMPLETED' });
    expect(await (await deliver(foreign.payload, foreign.headers)).json()).toEqual({ received: true, result: 'ignored' });
    expect((await outbox(orderId)).map((event) => event.type)).toEqual(['payments.initiated', 'payments.succeeded', 'payments.refunded']);
  });

  describe('payments that never get stuck', () => {
    it('keeps a rate-limited (429) payment PENDING with nothing captured, and captures once on the retry with the same PayPal-Request-Id', async () => {
      const orderId = await saga.placeOrder({ customerId });
      const paypalOrderId = paypalApi.approvedOrder('49.99', 'rateLimited');
      const limited = await pay(orderId, paypalOrderId);
      expect(limited.payment).toMatchObject({ status: 'PENDING', providerReference: paypalOrderId });
      expect(limited.userErrors[0]).toMatchObject({ code: 'PAYMENT_PENDING', message: expect.stringMatching(/rate limiting/) });
      expect(paypalApi.orders.get(paypalOrderId)!.captures).toEqual([]);

      const retried = await pay(orderId, paypalOrderId);
      expect(retried.payment).toMatchObject({ id: limited.payment!.id, status: 'SUCCEEDED' });
      expect(capturesOf(paypalOrderId).map((call) => call.requestId)).toEqual([`payment-${limited.payment!.id}`, `payment-${limited.payment!.id}`]);
      expect(paypalApi.orders.get(paypalOrderId)!.captures).toHaveLength(1);
      expect((await outbox(orderId)).map((event) => event.type)).toEqual(['payments.initiated', 'payments.succeeded']);
    });

    it('reconciles a payment whose capture answer was lost (a 500) by reading its PayPal order, then ignores the webhook that follows', async () => {
      const orderId = await saga.placeOrder({ customerId, total: 900 });
      const paypalOrderId = paypalApi.approvedOrder('9.00', 'lostAnswer');
      const pending = await pay(orderId, paypalOrderId);
      expect(pending.payment).toMatchObject({ status: 'PENDING', providerReference: paypalOrderId, transactions: [{ type: 'SALE', status: 'PENDING' }] });
      expect(pending.userErrors[0].code).toBe('PAYMENT_PENDING');
      const paymentId = pending.payment!.id;

      expect((await reconcile()).settled).toContain(paymentId);
      expect(await read(paymentId)).toMatchObject({ status: 'SUCCEEDED', providerReference: paypalOrderId, transactions: [{ status: 'SUCCEEDED' }] });
      const late = paypalApi.signedWebhook('PAYMENT.CAPTURE.COMPLETED', paypalApi.captureOf(paypalOrderId));
      expect(await (await deliver(late.payload, late.headers)).json()).toEqual({ received: true, result: 'unchanged' });
      expect((await outbox(orderId)).map((event) => event.type)).toEqual(['payments.initiated', 'payments.succeeded']);
    });

    it('reconciliation leaves a payment whose PayPal order was never captured PENDING, and settles a declined capture as FAILED', async () => {
      const orderId = await saga.placeOrder({ customerId, total: 700 });
      const paypalOrderId = paypalApi.approvedOrder('7.00', 'rateLimited');
      const paymentId = (await pay(orderId, paypalOrderId)).payment!.id;
      const sweep = await reconcile();
      expect(sweep.stillPending).toContain(paymentId);
      expect((await read(paymentId)).status).toBe('PENDING');

      const denied = paypalApi.signedWebhook('PAYMENT.CAPTURE.DENIED', {
        id: '7TK53561YB803214S',
        status: 'DECLINED',
        amount: { currency_code: 'USD', value: '7.00' },
        supplementary_data: { related_ids: { order_id: paypalOrderId } },
      });
      expect(await (await deliver(denied.payload, denied.headers)).json()).toEqual({ received: true, result: 'applied' });
      expect(await read(paymentId)).toMatchObject({ status: 'FAILED', transactions: [{ status: 'FAILED', errorCode: 'CAPTURE_DECLINED' }] });
      expect((await outbox(orderId)).map((event) => event.type)).toEqual(['payments.initiated', 'payments.failed']);
    });

    it('settles once when the webhook arrives before the synchronous answer', async () => {
      const orderId = await saga.placeOrder({ customerId, total: 1000 });
      const paypalOrderId = paypalApi.approvedOrder('10.00', 'held');
      const answer = pay(orderId, paypalOrderId);
      await paypalApi.held;
      const early = paypalApi.signedWebhook('PAYMENT.CAPTURE.COMPLETED', paypalApi.captureOf(paypalOrderId));
      expect(await (await deliver(early.payload, early.headers)).json()).toEqual({ received: true, result: 'applied' });
      paypalApi.release();
      const result = await answer;
      expect(result.userErrors).toEqual([]);
      expect(result.payment).toMatchObject({ status: 'SUCCEEDED', providerReference: paypalOrderId });
      expect((await outbox(orderId)).map((event) => event.type)).toEqual(['payments.initiated', 'payments.succeeded']);
    });

    it('the adapter: a timeout leaves the outcome unknown, a lookup finds the capture, a retry with the same PayPal-Request-Id answers it', async () => {
      const quick = new PayPalProvider(createPayPalClient({ ...settings, timeoutMs: 300 }));
      const paypalOrderId = paypalApi.approvedOrder('5.00', 'slow');
      const paymentId = randomUUID();
      const amount = Money.of(500, 'USD');
      const request = { paymentId, orderId: randomUUID(), amount, method: { token: paypalOrderId }, idempotencyKey: `payment-${paymentId}` };
      paypalApi.slow = true;
      expect(await quick.charge(request)).toMatchObject({
        status: 'pending',
        providerReference: paypalOrderId,
        message: expect.stringMatching(/did not answer/),
      });

      const lookup = { paymentId, providerReference: paypalOrderId, idempotencyKey: `payment-${paymentId}`, amount };
      expect(await quick.lookup(lookup)).toEqual({ status: 'succeeded', providerReference: paypalOrderId });
      expect(await quick.lookup({ ...lookup, amount: Money.of(499, 'USD') })).toMatchObject({ status: 'failed', errorCode: 'AMOUNT_MISMATCH' });
      expect(await quick.lookup({ ...lookup, providerReference: null })).toBeNull();
      paypalApi.slow = false;
      expect(await quick.charge(request)).toEqual({ status: 'succeeded', providerReference: paypalOrderId });
      expect(paypalApi.orders.get(paypalOrderId)!.captures).toHaveLength(1);
      expect(new Set(capturesOf(paypalOrderId).map((call) => call.requestId))).toEqual(new Set([`payment-${paymentId}`]));
    });

    it('the adapter: refused credentials fail without charging; an unreachable PayPal leaves the outcome unknown and makes a lookup throw', async () => {
      const amount = Money.of(500, 'USD');
      const paypalOrderId = paypalApi.approvedOrder('5.00');
      const request = { paymentId: randomUUID(), orderId: randomUUID(), amount, method: { token: paypalOrderId }, idempotencyKey: `payment-${randomUUID()}` };
      const wrongSecret = new PayPalProvider(createPayPalClient({ ...settings, clientSecret: 'not-the-secret' }));
      expect(await wrongSecret.charge(request)).toMatchObject({ status: 'failed', errorCode: 'provider_unavailable' });
      expect(paypalApi.orders.get(paypalOrderId)!.captures).toEqual([]);

      const closed = new FakePayPalApi(CLIENT_ID, CLIENT_SECRET, WEBHOOK_ID);
      await closed.start();
      const baseUrl = closed.baseUrl;
      await closed.stop();
      const unreachable = new PayPalProvider(createPayPalClient({ ...settings, apiBaseUrl: baseUrl, timeoutMs: 300 }));
      expect(await unreachable.charge(request)).toMatchObject({
        status: 'pending',
        providerReference: paypalOrderId,
        message: expect.stringMatching(/did not answer/),
      });
      await expect(
        unreachable.lookup({ paymentId: request.paymentId, providerReference: paypalOrderId, idempotencyKey: request.idempotencyKey, amount }),
      ).rejects.toThrow();
    });
  });

  describe('the webhook', () => {
    it('settles a PENDING capture from a verified PAYMENT.CAPTURE.COMPLETED once, and refuses what PayPal does not verify', async () => {
      const orderId = await saga.placeOrder({ customerId, total: 1200 });
      const paypalOrderId = paypalApi.approvedOrder('12.00', 'pendingCapture');
      const pending = await pay(orderId, paypalOrderId);
      expect(pending.payment).toMatchObject({ status: 'PENDING', providerReference: paypalOrderId });
      expect(pending.userErrors[0]).toMatchObject({ code: 'PAYMENT_PENDING', message: expect.stringMatching(/PENDING_REVIEW/) });
      const paymentId = pending.payment!.id;

      const completed = paypalApi.signedWebhook('PAYMENT.CAPTURE.COMPLETED', paypalApi.completeCapture(paypalOrderId));
      const forged = paypalApi.signedWebhook('PAYMENT.CAPTURE.COMPLETED', paypalApi.captureOf(paypalOrderId), 'WH-SOMEONE-ELSE');
      expect((await deliver(forged.payload, forged.headers)).status).toBe(400);
      const { 'paypal-transmission-sig': _signature, ...unsigned } = completed.headers;
      expect((await deliver(completed.payload, unsigned)).status).toBe(400);
      expect((await deliver(completed.payload.replace('"value":"12.00"', '"value":"0.12"'), completed.headers)).status).toBe(400);
      expect((await deliver('not json', completed.headers)).status).toBe(400);
      paypalApi.verificationDown = true;
      const unverifiable = await deliver(completed.payload, completed.headers);
      paypalApi.verificationDown = false;
      expect(unverifiable.status).toBe(500);
      expect((await deliver('{}', completed.headers, 'PUT')).status).toBe(405);
      expect((await read(paymentId)).status).toBe('PENDING');
      expect((await outbox(orderId)).map((event) => event.type)).toEqual(['payments.initiated']);

      const applied = await deliver(completed.payload, completed.headers);
      expect(applied.status).toBe(200);
      expect(await applied.json()).toEqual({ received: true, result: 'applied' });
      expect(await (await deliver(completed.payload, completed.headers)).json()).toEqual({ received: true, result: 'unchanged' });
      expect(await read(paymentId)).toMatchObject({
        status: 'SUCCEEDED',
        providerReference: paypalOrderId,
        transactions: [{ type: 'SALE', status: 'SUCCEEDED' }],
      });
      const events = await outbox(orderId);
      expect(events.map((event) => event.type)).toEqual(['payments.initiated', 'payments.succeeded']);
      expect(events[1].data).toMatchObject({ paymentId, providerReference: paypalOrderId, amount: { amount: 1200, currencyCode: 'USD' } });
      const verifications = paypalApi.callsTo('/v1/notifications/verify-webhook-signature');
      expect(verifications.at(-1)?.body).toMatchObject({
        webhook_id: WEBHOOK_ID,
        auth_algo: 'SHA256withRSA',
        webhook_event: { event_type: 'PAYMENT.CAPTURE.COMPLETED' },
      });
    });

    it('settles a capture of another amount as FAILED, and ignores events about no payment of ours', async () => {
      const orderId = await saga.placeOrder({ customerId, total: 1300 });
      const paypalOrderId = paypalApi.approvedOrder('13.00', 'pendingCapture');
      const paymentId = (await pay(orderId, paypalOrderId)).payment!.id;
      const other = paypalApi.signedWebhook('PAYMENT.CAPTURE.COMPLETED', {
        ...paypalApi.completeCapture(paypalOrderId),
        amount: { currency_code: 'USD', value: '1.30' },
      });
      expect(await (await deliver(other.payload, other.headers)).json()).toEqual({ received: true, result: 'applied' });
      expect(await read(paymentId)).toMatchObject({ status: 'FAILED', transactions: [{ errorCode: 'AMOUNT_MISMATCH' }] });
      expect((await outbox(orderId)).map((event) => event.type)).toEqual(['payments.initiated', 'payments.failed']);

      const strangers = paypalApi.signedWebhook('PAYMENT.CAPTURE.COMPLETED', {
        id: '2GG279541U471931P',
        status: 'COMPLETED',
        supplementary_data: { related_ids: { order_id: '9XY12345AB6789012' } },
      });
      expect(await (await deliver(strangers.payload, strangers.headers)).json()).toEqual({ received: true, result: 'ignored' });
      const unrelated = paypalApi.signedWebhook('CHECKOUT.ORDER.APPROVED', { id: paypalOrderId });
      expect(await (await deliver(unrelated.payload, unrelated.headers)).json()).toEqual({ received: true, result: 'ignored' });
    });
  });
});
