import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { envelopeFor, Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { createPaymentsSubgraph } from '../src/payments.subgraph';
import { loadPaymentsConfig } from '../src/payments.config';
import { SimulatedProvider } from '../src/provider/simulated-provider';
import { voidExpiredAuthorizations } from '../src/void/expire-authorizations.job';
import { sagaEvents } from './support/saga-events';
import { PROCESS_PAYMENT, type OutboxEnvelope, type ProcessPaymentResult } from './support/payment-operations';
import { CAPTURE_PAYMENT, type CapturePaymentResult } from './support/capture-operations';

const VISA = '4242424242424242';
const DAY = 86_400_000;

describe('payments subgraph: authorize, then capture (a MANUAL-capture store)', () => {
  const storeId = randomUUID();
  const otherStoreId = randomUUID();
  const automaticStoreId = randomUUID();
  const customerId = randomUUID();
  const customer = tokenFor([Role.CUSTOMER], storeId, customerId);
  const merchantUserId = randomUUID();
  const merchant = tokenFor([Role.MERCHANT], storeId, merchantUserId);
  const staff = tokenFor([Role.STORE_STAFF], storeId);
  const otherMerchant = tokenFor([Role.MERCHANT], otherStoreId);
  /** How far the provider's clock is behind (an authorization made "8 days ago" has expired). */
  let providerClockOffsetMs = 0;
  const provider = new SimulatedProvider({ now: () => new Date(Date.now() + providerClockOffsetMs) });
  let payments: TestSubgraph;
  let owner: DataSource;
  const saga = sagaEvents(() => payments, storeId);

  const query = <T = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<T[]> => owner.query(sql, parameters);
  const outbox = async (orderId: string, type: string): Promise<OutboxEnvelope[]> =>
    (
      await query<{ envelope: OutboxEnvelope }>(
        `SELECT envelope FROM outbox_event WHERE envelope->>'aggregateId' = $1 AND envelope->>'type' = $2 ORDER BY seq`,
        [orderId, type],
      )
    ).map((row) => row.envelope);
  const paymentRow = async (id: string) =>
    (await query<{ status: string; captured_amount: string }>(`SELECT status, captured_amount FROM payment WHERE id = $1`, [id]))[0];
  const transactionTypes = async (paymentId: string) =>
    (await query<{ type: string }>(`SELECT type FROM payment_transaction WHERE payment_id = $1 ORDER BY created_at, type`, [paymentId])).map((row) => row.type);

  /** stores.updated as the stores subgraph publishes it (the kit's replica keeps the capture mode). */
  const storeSettings = async (store: string, paymentCaptureMode: 'AUTOMATIC' | 'MANUAL', version: number) => {
    const { js, names } = payments.runtime;
    const event = envelopeFor(
      {
        type: 'stores.updated',
        storeId: store,
        aggregateId: store,
        aggregateVersion: version,
        data: { storeId: store, settings: { paymentCaptureMode }, changed: ['settings'] },
      },
      { correlationId: randomUUID(), causationId: null },
    );
    await js.publish(names.subject('stores.updated'), JSON.stringify(event), { msgID: event.id });
    await eventually(async () => {
      const [row] = await query<{ payment_capture_mode: string }>(`SELECT payment_capture_mode FROM store_checkout_settings WHERE store_id = $1`, [store]);
      return row?.payment_capture_mode === paymentCaptureMode;
    });
  };

  const pay = async (orderId: string, token = customer, cardNumber = VISA) => {
    const result = await payments.client(token).rawRequest<ProcessPaymentResult>(PROCESS_PAYMENT, {
      input: { orderId, paymentMethod: { cardNumber }, idempotencyKey: randomUUID() },
    });
    expect(result.errors).toBeUndefined();
    return result.data.processPayment;
  };
  const authorizedOrder = async (total = 10_000) => {
    const orderId = await saga.placeOrder({ customerId, total });
    const result = await pay(orderId);
    expect(result.userErrors).toEqual([]);
    expect(result.payment?.status).toBe('AUTHORIZED');
    return { orderId, paymentId: result.payment!.id };
  };
  const capture = async (input: Record<string, unknown>, token = merchant) =>
    payments.client(token).rawRequest<CapturePaymentResult>(CAPTURE_PAYMENT, { input: { idempotencyKey: randomUUID(), ...input } });
  const fulfilmentRecorded = (orderId: string, shipmentId: string, amount: number, orderFullyFulfilled: boolean) =>
    saga.publish('orders.fulfilment-recorded', orderId, {
      orderId,
      shipmentId,
      lines: [{ lineItemId: randomUUID(), variantId: randomUUID(), quantity: 1 }],
      value: { amount, currencyCode: 'USD' },
      orderFullyFulfilled,
      actor: { userId: merchantUserId },
    });

  beforeAll(async () => {
    payments = await startTestSubgraph(createPaymentsSubgraph({ ...loadPaymentsConfig({}), orderWaitMs: 2000 }, provider));
    owner = await openOwnerConnection(payments.runtime.config);
    await storeSettings(storeId, 'MANUAL', 2);
    await storeSettings(automaticStoreId, 'AUTOMATIC', 2);
  });
  afterAll(async () => {
    await owner.destroy();
    await payments.close();
  });

  it('authorizes instead of charging: AUTHORIZED, an AUTHORIZATION transaction, payments.authorized, nothing captured', async () => {
    const orderId = await saga.placeOrder({ customerId, total: 10_000 });
    const result = await pay(orderId);
    expect(result.userErrors).toEqual([]);
    expect(result.payment).toMatchObject({ status: 'AUTHORIZED', transactions: [{ type: 'AUTHORIZATION', status: 'SUCCEEDED', amount: { amount: 10_000 } }] });
    const [authorized] = await outbox(orderId, 'payments.authorized');
    expect(authorized.data).toMatchObject({
      paymentId: result.payment!.id,
      orderId,
      amount: { amount: 10_000, currencyCode: 'USD' },
      expiresAt: expect.any(String),
    });
    expect(await outbox(orderId, 'payments.succeeded')).toEqual([]);
    // an authorized order is paid for: a second payment is refused
    expect((await pay(orderId)).userErrors.map((error) => error.code)).toEqual(['ORDER_ALREADY_PAID']);
  });

  it('captures part, then the rest (PARTIALLY_CAPTURED, then SUCCEEDED), once per idempotency key, with payments.captured each time', async () => {
    const { orderId, paymentId } = await authorizedOrder();
    const key = randomUUID();
    const first = await capture({ paymentId, amount: 4_000, idempotencyKey: key });
    expect(first.errors).toBeUndefined();
    expect(first.data.capturePayment).toMatchObject({
      userErrors: [],
      order: { id: orderId },
      payment: { status: 'PARTIALLY_CAPTURED', capturedAmount: { amount: 4_000, currencyCode: 'USD' }, authorizationExpiresAt: expect.any(String) },
    });
    const replay = await capture({ paymentId, amount: 4_000, idempotencyKey: key });
    expect(replay.data.capturePayment.payment).toMatchObject({ status: 'PARTIALLY_CAPTURED', capturedAmount: { amount: 4_000 } });

    const rest = await capture({ orderId });
    expect(rest.data.capturePayment).toMatchObject({ userErrors: [], payment: { status: 'SUCCEEDED', capturedAmount: { amount: 10_000 } } });
    expect(await transactionTypes(paymentId)).toEqual(['AUTHORIZATION', 'CAPTURE', 'CAPTURE']);
    const captured = await outbox(orderId, 'payments.captured');
    expect(captured.map((event) => event.data)).toEqual([
      expect.objectContaining({
        amount: { amount: 4_000, currencyCode: 'USD' },
        capturedTotal: { amount: 4_000, currencyCode: 'USD' },
        final: false,
        actor: { userId: merchantUserId },
      }),
      expect.objectContaining({ amount: { amount: 6_000, currencyCode: 'USD' }, capturedTotal: { amount: 10_000, currencyCode: 'USD' }, final: true }),
    ]);

    // a captured payment captures nothing more
    const again = await capture({ paymentId, amount: 1 });
    expect(again.data.capturePayment.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    expect(await transactionTypes(paymentId)).toEqual(['AUTHORIZATION', 'CAPTURE', 'CAPTURE']);
  });

  it('refuses to capture more than is authorized, and writes nothing', async () => {
    const { orderId, paymentId } = await authorizedOrder();
    const result = await capture({ paymentId, amount: 10_001 }, staff);
    expect(result.data.capturePayment).toMatchObject({
      payment: { status: 'AUTHORIZED', capturedAmount: { amount: 0 } },
      userErrors: [{ code: 'CAPTURE_EXCEEDS_AUTHORIZED', field: ['input', 'amount'], message: expect.stringMatching(/10000/) }],
    });
    expect(await paymentRow(paymentId)).toEqual({ status: 'AUTHORIZED', captured_amount: '0' });
    expect(await transactionTypes(paymentId)).toEqual(['AUTHORIZATION']);
    expect(await outbox(orderId, 'payments.captured')).toEqual([]);
  });

  it('serialises concurrent captures: never more than the authorization is taken', async () => {
    const { paymentId } = await authorizedOrder();
    const results = await Promise.all(Array.from({ length: 5 }, () => capture({ paymentId, amount: 3_000 })));
    const codes = results.map((result) => result.data.capturePayment.userErrors[0]?.code ?? 'CAPTURED').sort();
    expect(codes).toEqual(['CAPTURED', 'CAPTURED', 'CAPTURED', 'CAPTURE_EXCEEDS_AUTHORIZED', 'CAPTURE_EXCEEDS_AUTHORIZED']);
    expect(await paymentRow(paymentId)).toEqual({ status: 'PARTIALLY_CAPTURED', captured_amount: '9000' });
  });

  it('a payment that was never authorized, or a bad request, cannot be captured', async () => {
    const orderId = await saga.placeOrder({ customerId, total: 5_000, storeId: automaticStoreId });
    const automaticCustomer = tokenFor([Role.CUSTOMER], automaticStoreId, customerId);
    const sale = await pay(orderId, automaticCustomer);
    expect(sale.payment?.status).toBe('SUCCEEDED');
    const result = await capture({ paymentId: sale.payment!.id }, tokenFor([Role.MERCHANT], automaticStoreId));
    expect(result.data.capturePayment.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);

    const both = await capture({ paymentId: sale.payment!.id, orderId });
    expect(both.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const zero = await capture({ orderId, amount: 0 });
    expect(zero.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('is for the store’s staff only: a customer is FORBIDDEN, another store’s merchant gets NOT_FOUND, and nothing is captured', async () => {
    const { paymentId, orderId } = await authorizedOrder();
    const byCustomer = await capture({ paymentId }, customer);
    expect(byCustomer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byOtherStore = await capture({ paymentId }, otherMerchant);
    expect(byOtherStore.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const byOtherStoreOrder = await capture({ orderId }, otherMerchant);
    expect(byOtherStoreOrder.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await paymentRow(paymentId)).toEqual({ status: 'AUTHORIZED', captured_amount: '0' });
  });

  it('captures each shipment’s value on orders.fulfilment-recorded, once per shipment, the last one final', async () => {
    const { orderId, paymentId } = await authorizedOrder();
    const firstShipment = randomUUID();
    await fulfilmentRecorded(orderId, firstShipment, 3_500, false);
    await eventually(async () => (await paymentRow(paymentId)).status === 'PARTIALLY_CAPTURED');
    // the same shipment told again (a new event id) captures nothing more
    await fulfilmentRecorded(orderId, firstShipment, 3_500, false);
    await fulfilmentRecorded(orderId, randomUUID(), 6_500, true);
    await eventually(async () => (await paymentRow(paymentId)).status === 'SUCCEEDED');
    expect(await paymentRow(paymentId)).toEqual({ status: 'SUCCEEDED', captured_amount: '10000' });
    const captured = await outbox(orderId, 'payments.captured');
    expect(captured.map((event) => [event.data.amount, event.data.final])).toEqual([
      [{ amount: 3_500, currencyCode: 'USD' }, false],
      [{ amount: 6_500, currencyCode: 'USD' }, true],
    ]);
    expect(captured[0].data.actor).toEqual({ userId: merchantUserId });
  });

  it('voids the authorization when the order is cancelled: VOIDED, a VOID transaction, payments.voided', async () => {
    const { orderId, paymentId } = await authorizedOrder();
    await saga.cancelled(orderId, 'the shopper changed their mind');
    await eventually(async () => (await paymentRow(paymentId)).status === 'VOIDED');
    expect(await transactionTypes(paymentId)).toEqual(['AUTHORIZATION', 'VOID']);
    const [voided] = await outbox(orderId, 'payments.voided');
    expect(voided.data).toMatchObject({ paymentId, released: { amount: 10_000, currencyCode: 'USD' }, capturedTotal: { amount: 0, currencyCode: 'USD' } });
    const result = await capture({ paymentId });
    expect(result.data.capturePayment.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
  });

  const remainderCancelled = (orderId: string, value: number, shippedValue: number) =>
    saga.publish('orders.remainder-cancelled', orderId, {
      orderId,
      orderNumber: '#1',
      lines: [{ lineItemId: randomUUID(), variantId: randomUUID(), quantity: 1 }],
      value: { amount: value, currencyCode: 'USD' },
      shippedValue: { amount: shippedValue, currencyCode: 'USD' },
      reason: null,
      actor: { userId: merchantUserId },
    });

  it('settles the hold when the unshipped remainder is cancelled: captures the shipped value not captured yet as the final capture, or voids', async () => {
    // the shipment's own capture not handled yet: the remainder's cancellation takes the shipped value, final
    const early = await authorizedOrder();
    await remainderCancelled(early.orderId, 6_500, 3_500);
    await eventually(async () => (await paymentRow(early.paymentId)).status === 'SUCCEEDED');
    expect(await paymentRow(early.paymentId)).toEqual({ status: 'SUCCEEDED', captured_amount: '3500' });
    const [final] = await outbox(early.orderId, 'payments.captured');
    expect(final.data).toMatchObject({ amount: { amount: 3_500 }, capturedTotal: { amount: 3_500 }, final: true });
    // the shipment's capture arriving late finds nothing open and takes nothing more
    const late = [await fulfilmentRecorded(early.orderId, randomUUID(), 3_500, false), await remainderCancelled(early.orderId, 6_500, 3_500)];
    await eventually(
      async () => (await query(`SELECT DISTINCT event_id FROM processed_event WHERE event_id = ANY($1::uuid[])`, [late.map((event) => event.id)])).length === 2,
    );
    expect((await paymentRow(early.paymentId)).captured_amount).toBe('3500');
    expect(await outbox(early.orderId, 'payments.captured')).toHaveLength(1);

    // the shipment captured its share already: nothing is owed, the rest is voided
    const captured = await authorizedOrder();
    await fulfilmentRecorded(captured.orderId, randomUUID(), 3_500, false);
    await eventually(async () => (await paymentRow(captured.paymentId)).status === 'PARTIALLY_CAPTURED');
    await remainderCancelled(captured.orderId, 6_500, 3_500);
    await eventually(async () => (await paymentRow(captured.paymentId)).status === 'VOIDED');
    expect((await paymentRow(captured.paymentId)).captured_amount).toBe('3500');
    const [voided] = await outbox(captured.orderId, 'payments.voided');
    expect(voided.data).toMatchObject({ released: { amount: 6_500 }, capturedTotal: { amount: 3_500 } });
  });

  it('refunds a payment captured in part up to its captures, keeping the authorization open', async () => {
    const { orderId, paymentId } = await authorizedOrder();
    await fulfilmentRecorded(orderId, randomUUID(), 3_500, false);
    await eventually(async () => (await paymentRow(paymentId)).status === 'PARTIALLY_CAPTURED');
    const requestRefund = (refundId: string, amount: number) =>
      saga.publish('orders.refund-requested', orderId, {
        orderId,
        refundId,
        attempt: 1,
        amount: { amount, currencyCode: 'USD' },
        shipping: { amount: 0, currencyCode: 'USD' },
        reason: 'Damaged',
        lines: [],
        actor: { userId: merchantUserId },
      });
    const [within, beyond] = [randomUUID(), randomUUID()];
    await requestRefund(within, 2_000);
    await eventually(async () => (await outbox(orderId, 'payments.refunded')).length === 1);
    expect((await outbox(orderId, 'payments.refunded'))[0].data).toMatchObject({ refundId: within, amount: { amount: 2_000 } });
    expect((await paymentRow(paymentId)).status).toBe('PARTIALLY_CAPTURED');
    // more than is left of the captures (1 500) can never succeed: reported at once
    await requestRefund(beyond, 1_501);
    await eventually(async () => (await outbox(orderId, 'payments.refund-failed')).length === 1);
    expect((await outbox(orderId, 'payments.refund-failed'))[0].data).toMatchObject({ refundId: beyond, message: expect.stringMatching(/more than is left/) });
    // the rest still captures as the order ships
    await fulfilmentRecorded(orderId, randomUUID(), 6_500, true);
    await eventually(async () => (await paymentRow(paymentId)).status === 'SUCCEEDED');
    expect((await paymentRow(paymentId)).captured_amount).toBe('10000');
  });

  it('voids authorizations the provider no longer lets capture (the expiry job), and only those', async () => {
    providerClockOffsetMs = -8 * DAY; // authorized 8 days ago: Stripe's 7-day window is over
    const expired = await authorizedOrder();
    providerClockOffsetMs = 0;
    const fresh = await authorizedOrder();
    const voided = await voidExpiredAuthorizations(payments.runtime, provider);
    expect(voided).toContain(expired.paymentId);
    expect(voided).not.toContain(fresh.paymentId);
    expect(await paymentRow(expired.paymentId)).toMatchObject({ status: 'VOIDED' });
    expect(await paymentRow(fresh.paymentId)).toMatchObject({ status: 'AUTHORIZED' });
    expect(await outbox(expired.orderId, 'payments.voided')).toHaveLength(1);
  });
});
