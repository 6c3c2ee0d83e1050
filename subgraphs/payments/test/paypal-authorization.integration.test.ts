import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { envelopeFor, Money, Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { createPaymentsSubgraph } from '../src/payments.subgraph';
import { loadPaymentsConfig } from '../src/payments.config';
import { PayPalProvider } from '../src/provider/paypal-provider';
import { createPayPalClient } from '../src/provider/paypal-client';
import { ProviderRefusal } from '../src/provider/payment-provider';
import { reconcilePendingPayments } from '../src/reconciliation/reconcile-payments.job';
import { FakePayPalApi } from './support/fake-paypal-api';
import { sagaEvents } from './support/saga-events';
import { PROCESS_PAYMENT, type ProcessPaymentResult } from './support/payment-operations';
import { CAPTURE_PAYMENT, type CapturePaymentResult } from './support/capture-operations';

const CLIENT_ID = 'AYpaypal-authorize-client';
const CLIENT_SECRET = 'EKpaypal-authorize-secret';
const WEBHOOK_ID = '5GP028458E2496506AUTHORIZE';
const DAY_MS = 86_400_000;

describe('payments subgraph: authorize and capture with PayPal (against the local stand-in)', () => {
  const storeId = randomUUID();
  const customerId = randomUUID();
  const customer = tokenFor([Role.CUSTOMER], storeId, customerId);
  const merchant = tokenFor([Role.MERCHANT], storeId);
  const paypalApi = new FakePayPalApi(CLIENT_ID, CLIENT_SECRET, WEBHOOK_ID);
  let payments: TestSubgraph;
  let owner: DataSource;
  let adapter: PayPalProvider;
  const saga = sagaEvents(() => payments, storeId);

  const authorizeRequest = (paypalOrderId: string, amount = 10_000, currency = 'USD') => ({
    paymentId: randomUUID(),
    orderId: randomUUID(),
    amount: Money.of(amount, currency),
    method: { token: paypalOrderId },
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
  const lookup = (providerReference: string) =>
    adapter.lookupAuthorization({ paymentId: 'p', providerReference, idempotencyKey: 'x', amount: { amount: 10_000, currencyCode: 'USD' } });
  const refusalCode = async (attempt: Promise<unknown>) => {
    const error = await attempt.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ProviderRefusal);
    return (error as ProviderRefusal).code;
  };
  const authorized = async (value: string, amount: number) => {
    const paypalOrderId = paypalApi.approvedAuthorizeOrder(value);
    const outcome = await adapter.authorize(authorizeRequest(paypalOrderId, amount));
    expect(outcome).toMatchObject({ status: 'authorized', providerReference: paypalOrderId });
    return paypalOrderId;
  };
  const authorizationId = (paypalOrderId: string) => paypalApi.authorizationOf(paypalOrderId).id as string;
  const paymentStatus = async (id: string) => (await owner.query(`SELECT status FROM payment WHERE id = $1`, [id]))[0]?.status as string;
  const pay = async (orderId: string, token: string) =>
    (
      await payments
        .client(customer)
        .rawRequest<ProcessPaymentResult>(PROCESS_PAYMENT, { input: { orderId, paymentMethod: { token }, idempotencyKey: randomUUID() } })
    ).data.processPayment;
  const deliver = async (eventType: string, resource: Record<string, unknown>): Promise<string> => {
    const { payload, headers } = paypalApi.signedWebhook(eventType, resource);
    const response = await fetch(payments.url.replace(/\/graphql$/, '/webhooks/paypal'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: payload,
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { result: string }).result;
  };
  const outboxTypes = async (orderId: string): Promise<string[]> =>
    (await owner.query(`SELECT envelope->>'type' AS type FROM outbox_event WHERE envelope->>'aggregateId' = $1 ORDER BY seq`, [orderId])).map(
      (row: { type: string }) => row.type,
    );

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
    payments = await startTestSubgraph(createPaymentsSubgraph(config));
    owner = await openOwnerConnection(payments.runtime.config);
    adapter = new PayPalProvider(createPayPalClient(config.paypal!));
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
    await paypalApi.stop();
  });

  describe('the adapter', () => {
    it('authorizes an AUTHORIZE order with our PayPal-Request-Id and answers PayPal’s expiration time', async () => {
      const paypalOrderId = paypalApi.approvedAuthorizeOrder('100.00');
      const request = authorizeRequest(paypalOrderId);
      const outcome = await adapter.authorize(request);
      if (outcome.status !== 'authorized') throw new Error(`not authorized: ${JSON.stringify(outcome)}`);
      expect(outcome.providerReference).toBe(paypalOrderId);
      expect(outcome.expiresAt.toISOString()).toBe(paypalApi.authorizationOf(paypalOrderId).expiration_time);
      expect(outcome.expiresAt.getTime()).toBeGreaterThan(Date.now() + 28 * DAY_MS);
      const [call] = paypalApi.callsTo(`/v2/checkout/orders/${paypalOrderId}/authorize`);
      expect(call.requestId).toBe(request.idempotencyKey);

      // a retry with the same request id answers the same authorization; PayPal holds one
      expect(await adapter.authorize(request)).toEqual(outcome);
      expect(paypalApi.orders.get(paypalOrderId)!.authorizations).toHaveLength(1);
      expect(await lookup(paypalOrderId)).toEqual({ status: 'open', capturableAmount: 10_000, capturedAmount: 0, expiresAt: outcome.expiresAt });
    });

    it('refuses an order of intent CAPTURE and one for another amount or currency, authorizing and capturing nothing', async () => {
      const captureOrder = paypalApi.approvedOrder('100.00');
      expect(await adapter.authorize(authorizeRequest(captureOrder))).toMatchObject({
        status: 'failed',
        providerReference: captureOrder,
        errorCode: 'ORDER_INTENT_CAPTURE',
      });
      const otherAmount = paypalApi.approvedAuthorizeOrder('99.99');
      expect(await adapter.authorize(authorizeRequest(otherAmount))).toMatchObject({ status: 'failed', errorCode: 'AMOUNT_MISMATCH' });
      const otherCurrency = paypalApi.approvedAuthorizeOrder('100.00', 'approved', 'EUR');
      expect(await adapter.authorize(authorizeRequest(otherCurrency))).toMatchObject({ status: 'failed', errorCode: 'AMOUNT_MISMATCH' });
      for (const id of [captureOrder, otherAmount, otherCurrency]) {
        expect(paypalApi.callsTo(`/v2/checkout/orders/${id}/authorize`)).toEqual([]);
        expect(paypalApi.callsTo(`/v2/checkout/orders/${id}/capture`)).toEqual([]);
        expect(paypalApi.orders.get(id)!.captures).toEqual([]);
      }
      const declined = paypalApi.approvedAuthorizeOrder('100.00', 'declined');
      expect(await adapter.authorize(authorizeRequest(declined))).toMatchObject({ status: 'failed', errorCode: 'INSTRUMENT_DECLINED' });
    });

    it('captures in parts (final_capture false, then true) with our request ids, refuses an over-capture, and a retry captures once', async () => {
      const paypalOrderId = await authorized('100.00', 10_000);
      const captures = () => paypalApi.callsTo(`/v2/payments/authorizations/${authorizationId(paypalOrderId)}/capture`);

      const first = await adapter.capture(captureRequest(paypalOrderId, 4_000, false, 'capture-first'));
      expect(first.closed).toBe(false);
      expect(captures()[0]).toMatchObject({ requestId: 'capture-first', body: { amount: { currency_code: 'USD', value: '40.00' }, final_capture: false } });
      expect(await lookup(paypalOrderId)).toMatchObject({ status: 'open', capturableAmount: 6_000, capturedAmount: 4_000 });
      // the same request id again: PayPal answers the first capture, nothing more is taken
      expect(await adapter.capture(captureRequest(paypalOrderId, 4_000, false, 'capture-first'))).toEqual(first);
      expect(paypalApi.orders.get(paypalOrderId)!.captures).toHaveLength(1);

      expect(await refusalCode(adapter.capture(captureRequest(paypalOrderId, 6_001, false)))).toBe('amount_too_large');
      const last = await adapter.capture(captureRequest(paypalOrderId, 6_000, true));
      expect(last).toEqual({ providerReference: expect.any(String), closed: true });
      expect(captures().at(-1)?.body).toMatchObject({ amount: { value: '60.00' }, final_capture: true });
      expect(await lookup(paypalOrderId)).toMatchObject({ status: 'captured', capturableAmount: 0, capturedAmount: 10_000 });
      expect(await refusalCode(adapter.capture(captureRequest(paypalOrderId, 1, false)))).toBe('payment_intent_unexpected_state');

      // a refund of what the two captures took is spread over them, each with its own request id; a retry refunds nothing more
      const [firstCapture, lastCapture] = paypalApi.orders.get(paypalOrderId)!.captures.map((capture) => capture.id as string);
      const refundRequest = {
        paymentId: 'p',
        orderId: 'o',
        providerReference: paypalOrderId,
        amount: Money.of(10_000, 'USD'),
        reason: 'r',
        idempotencyKey: 'refund-p',
      };
      const refund = await adapter.refund(refundRequest);
      expect(paypalApi.callsTo(`/v2/payments/captures/${firstCapture}/refund`).map((call) => [call.requestId, call.body?.amount])).toEqual([
        ['refund-p-1', { currency_code: 'USD', value: '40.00' }],
      ]);
      expect(paypalApi.callsTo(`/v2/payments/captures/${lastCapture}/refund`).map((call) => [call.requestId, call.body?.amount])).toEqual([
        ['refund-p-2', { currency_code: 'USD', value: '60.00' }],
      ]);
      expect(refund.providerReference.split(',')).toHaveLength(2);
      expect(await adapter.refund(refundRequest)).toEqual(refund);
    });

    it('voids (a repeated void succeeds), then refuses to capture; an expired authorization is refused and looked up as expired', async () => {
      const voided = await authorized('100.00', 10_000);
      const voidRequest = { paymentId: 'p', orderId: 'o', providerReference: voided, idempotencyKey: 'void-1' };
      await adapter.void(voidRequest);
      await adapter.void({ ...voidRequest, idempotencyKey: 'void-2' });
      expect(paypalApi.callsTo(`/v2/payments/authorizations/${authorizationId(voided)}/void`).map((call) => call.requestId)).toEqual(['void-1', 'void-2']);
      expect(await lookup(voided)).toMatchObject({ status: 'voided', capturableAmount: 0, capturedAmount: 0 });
      expect(await refusalCode(adapter.capture(captureRequest(voided, 1_000, false)))).toBe('payment_intent_unexpected_state');

      const expired = await authorized('100.00', 10_000);
      paypalApi.expireAuthorization(expired);
      expect(await refusalCode(adapter.capture(captureRequest(expired, 1_000, false)))).toBe('charge_expired_for_capture');
      expect(await lookup(expired)).toMatchObject({ status: 'expired', capturableAmount: 0 });
      expect(paypalApi.orders.get(expired)!.captures).toEqual([]);

      // an order never authorized has no authorization to look up; a capture of it is refused
      const never = paypalApi.approvedAuthorizeOrder('100.00');
      expect(await lookup(never)).toBeNull();
      expect(await refusalCode(adapter.capture(captureRequest(never, 1_000, false)))).toBe('payment_intent_unexpected_state');
    });

    it('a 5xx on capture is thrown as unknown (no refusal), and a lost authorize answer is pending then found by lookup', async () => {
      const lost = paypalApi.approvedAuthorizeOrder('100.00', 'lostAnswer');
      const request = authorizeRequest(lost);
      expect(await adapter.authorize(request)).toMatchObject({ status: 'pending', providerReference: lost });
      expect(
        await adapter.lookup({ paymentId: request.paymentId, providerReference: lost, idempotencyKey: request.idempotencyKey, amount: request.amount }),
      ).toMatchObject({
        status: 'authorized',
        providerReference: lost,
      });

      const paypalOrderId = await authorized('100.00', 10_000);
      paypalApi.authorizationsDown = true;
      const error = await adapter.capture(captureRequest(paypalOrderId, 1_000, false, 'capture-while-down')).catch((caught: unknown) => caught);
      paypalApi.authorizationsDown = false;
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(ProviderRefusal);
      expect((error as Error).message).toMatch(/HTTP 503/);
      expect(paypalApi.orders.get(paypalOrderId)!.captures).toEqual([]);
      // the retry with the same request id captures once
      expect(await adapter.capture(captureRequest(paypalOrderId, 1_000, false, 'capture-while-down'))).toMatchObject({ closed: false });
      expect(paypalApi.orders.get(paypalOrderId)!.captures).toHaveLength(1);
    });
  });

  describe('in a MANUAL store', () => {
    it('processPayment authorizes, capturePayment captures a part through PayPal, a capture of an expired authorization is refused writing nothing', async () => {
      const orderId = await saga.placeOrder({ customerId, total: 8_000 });
      const paypalOrderId = paypalApi.approvedAuthorizeOrder('80.00');
      const paid = await pay(orderId, paypalOrderId);
      expect(paid.userErrors).toEqual([]);
      const payment = paid.payment!;
      expect(payment).toMatchObject({ status: 'AUTHORIZED', providerReference: paypalOrderId, transactions: [{ type: 'AUTHORIZATION', status: 'SUCCEEDED' }] });
      const [expires] = await owner.query(`SELECT authorization_expires_at FROM payment WHERE id = $1`, [payment.id]);
      expect((expires.authorization_expires_at as Date).toISOString()).toBe(paypalApi.authorizationOf(paypalOrderId).expiration_time);

      // PayPal's own report of the authorization converges with the answer we had: nothing changes
      expect(await deliver('PAYMENT.AUTHORIZATION.CREATED', paypalApi.authorizationOf(paypalOrderId))).toBe('unchanged');

      const capture = (amount: number, idempotencyKey: string) =>
        payments.client(merchant).rawRequest<CapturePaymentResult>(CAPTURE_PAYMENT, { input: { paymentId: payment.id, amount, idempotencyKey } });
      const first = await capture(2_000, 'staff-1');
      expect(first.data.capturePayment).toMatchObject({ userErrors: [], payment: { status: 'PARTIALLY_CAPTURED', capturedAmount: { amount: 2_000 } } });
      const calls = paypalApi.callsTo(`/v2/payments/authorizations/${authorizationId(paypalOrderId)}/capture`);
      expect(calls.map((call) => call.requestId)).toEqual([`capture-${payment.id}-staff-1`]);
      // PayPal's capture event for our own capture changes nothing
      expect(await deliver('PAYMENT.CAPTURE.COMPLETED', paypalApi.captureOf(paypalOrderId))).toBe('unchanged');
      expect(await paymentStatus(payment.id)).toBe('PARTIALLY_CAPTURED');

      const before = await owner.query(`SELECT count(*)::int AS n FROM payment_transaction WHERE payment_id = $1`, [payment.id]);
      paypalApi.expireAuthorization(paypalOrderId);
      const refused = await capture(1_000, 'staff-2');
      expect(refused.data.capturePayment).toMatchObject({
        userErrors: [{ code: 'CAPTURE_REFUSED', field: ['input'] }],
        payment: { status: 'PARTIALLY_CAPTURED' },
      });
      expect(await owner.query(`SELECT count(*)::int AS n FROM payment_transaction WHERE payment_id = $1`, [payment.id])).toEqual(before);
      expect(await outboxTypes(orderId)).toEqual(['payments.initiated', 'payments.authorized', 'payments.captured']);
    });

    it('refuses a PayPal order created with intent CAPTURE without capturing it', async () => {
      const orderId = await saga.placeOrder({ customerId, total: 3_000 });
      const paypalOrderId = paypalApi.approvedOrder('30.00');
      const refused = await pay(orderId, paypalOrderId);
      expect(refused.userErrors).toEqual([{ code: 'PAYMENT_DECLINED', field: ['input', 'paymentMethod'], message: expect.any(String) }]);
      expect(refused.payment).toMatchObject({
        status: 'FAILED',
        transactions: [{ type: 'AUTHORIZATION', status: 'FAILED', errorCode: 'ORDER_INTENT_CAPTURE' }],
      });
      expect(paypalApi.callsTo(`/v2/checkout/orders/${paypalOrderId}/capture`)).toEqual([]);
      expect(paypalApi.orders.get(paypalOrderId)!.captures).toEqual([]);
    });

    it('PAYMENT.AUTHORIZATION.CREATED authorizes a payment whose answer was lost; reconciliation agrees', async () => {
      const orderId = await saga.placeOrder({ customerId, total: 5_000 });
      const paypalOrderId = paypalApi.approvedAuthorizeOrder('50.00', 'lostAnswer');
      const pending = await pay(orderId, paypalOrderId);
      expect(pending.payment).toMatchObject({ status: 'PENDING', providerReference: paypalOrderId });
      expect(await deliver('PAYMENT.AUTHORIZATION.CREATED', paypalApi.authorizationOf(paypalOrderId))).toBe('applied');
      expect(await paymentStatus(pending.payment!.id)).toBe('AUTHORIZED');
      expect(await deliver('PAYMENT.AUTHORIZATION.CREATED', paypalApi.authorizationOf(paypalOrderId))).toBe('unchanged');
      expect(await outboxTypes(orderId)).toEqual(['payments.initiated', 'payments.authorized']);

      // the same through reconciliation for a second lost answer
      const otherOrderId = await saga.placeOrder({ customerId, total: 5_000 });
      const otherPayPalOrder = paypalApi.approvedAuthorizeOrder('50.00', 'lostAnswer');
      const other = await pay(otherOrderId, otherPayPalOrder);
      expect(other.payment?.status).toBe('PENDING');
      await reconcilePendingPayments(payments.runtime, adapter, {
        afterSeconds: 0,
        intervalSeconds: 3600,
        backoffSeconds: 60,
        backoffCapSeconds: 3600,
        maxAttempts: 5,
      });
      expect(await paymentStatus(other.payment!.id)).toBe('AUTHORIZED');
    });

    it('PAYMENT.AUTHORIZATION.CREATED for another amount fails a PENDING payment; one about no payment of ours is ignored', async () => {
      const orderId = await saga.placeOrder({ customerId, total: 4_000 });
      const paypalOrderId = paypalApi.approvedAuthorizeOrder('40.00', 'lostAnswer');
      const pending = await pay(orderId, paypalOrderId);
      expect(pending.payment?.status).toBe('PENDING');
      const other = { ...paypalApi.authorizationOf(paypalOrderId), amount: { currency_code: 'USD', value: '0.40' } };
      expect(await deliver('PAYMENT.AUTHORIZATION.CREATED', other)).toBe('applied');
      expect(await paymentStatus(pending.payment!.id)).toBe('FAILED');
      expect(await outboxTypes(orderId)).toEqual(['payments.initiated', 'payments.failed']);
      const stranger = { ...other, supplementary_data: { related_ids: { order_id: '9XY12345AB6789012' } } };
      expect(await deliver('PAYMENT.AUTHORIZATION.CREATED', stranger)).toBe('ignored');
    });

    it('PAYMENT.AUTHORIZATION.VOIDED voids an open authorization once (VOID transaction for what was left)', async () => {
      const orderId = await saga.placeOrder({ customerId, total: 6_000 });
      const paypalOrderId = paypalApi.approvedAuthorizeOrder('60.00');
      const payment = (await pay(orderId, paypalOrderId)).payment!;
      expect(payment.status).toBe('AUTHORIZED');
      const voided = paypalApi.voidAuthorizationOf(paypalOrderId);
      expect(await deliver('PAYMENT.AUTHORIZATION.VOIDED', voided)).toBe('applied');
      expect(await paymentStatus(payment.id)).toBe('VOIDED');
      expect(await deliver('PAYMENT.AUTHORIZATION.VOIDED', voided)).toBe('unchanged');
      expect(await owner.query(`SELECT amount FROM payment_transaction WHERE payment_id = $1 AND type = 'VOID'`, [payment.id])).toEqual([{ amount: '6000' }]);
      expect(await outboxTypes(orderId)).toEqual(['payments.initiated', 'payments.authorized', 'payments.voided']);
    });
  });
});
