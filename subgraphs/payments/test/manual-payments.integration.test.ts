import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { createPaymentsSubgraph } from '../src/payments.subgraph';
import { loadPaymentsConfig } from '../src/payments.config';
import { SimulatedProvider } from '../src/provider/simulated-provider';
import type { ChargeRequest, PaymentProvider } from '../src/provider/payment-provider';
import { reconcilePendingPayments } from '../src/reconciliation/reconcile-payments.job';
import { sagaEvents } from './support/saga-events';
import type { OutboxEnvelope } from './support/payment-operations';
import {
  CONFIGURE_MANUAL_METHOD,
  MANUAL_PAYMENT_METHODS,
  MARK_ORDER_AS_PAID,
  PAYMENT_METHODS,
  PROCESS_MANUAL_PAYMENT,
  type ConfigureManualMethodResult,
  type MarkOrderAsPaidResult,
  type PaymentMethodsResult,
  type ProcessManualPaymentResult,
} from './support/manual-payment-operations';

const INSTRUCTIONS = 'Transfer the total to IBAN DE89 3704 0044 0532 0130 00, quoting your order number.';
const HOUR_MS = 3_600_000;

/** The simulated provider, counting charges: a manual payment must never reach it. */
class CountingProvider implements PaymentProvider {
  readonly name = 'simulated' as const;
  readonly charges: ChargeRequest[] = [];
  private readonly simulated = new SimulatedProvider({ latencyMs: 0 });
  checkMethod = this.simulated.checkMethod.bind(this.simulated);
  charge(request: ChargeRequest) {
    this.charges.push(request);
    return this.simulated.charge(request);
  }
  refund = this.simulated.refund.bind(this.simulated);
  lookup = this.simulated.lookup.bind(this.simulated);
  authorize = this.simulated.authorize.bind(this.simulated);
  capture = this.simulated.capture.bind(this.simulated);
  void = this.simulated.void.bind(this.simulated);
  lookupAuthorization = this.simulated.lookupAuthorization.bind(this.simulated);
}

describe('payments subgraph: manual payment methods and markOrderAsPaid', () => {
  const storeId = randomUUID();
  const otherStoreId = randomUUID();
  const customerId = randomUUID();
  const staffUserId = randomUUID();
  const customer = tokenFor([Role.CUSTOMER], storeId, customerId);
  const merchant = tokenFor([Role.MERCHANT], storeId);
  const staff = tokenFor([Role.STORE_STAFF], storeId, staffUserId);
  const otherMerchant = tokenFor([Role.MERCHANT], otherStoreId);
  const provider = new CountingProvider();
  let payments: TestSubgraph;
  let owner: DataSource;
  const saga = sagaEvents(() => payments, storeId);

  const configure = async (input: Record<string, unknown>, token = merchant) =>
    payments.client(token).rawRequest<ConfigureManualMethodResult>(CONFIGURE_MANUAL_METHOD, { input });
  const bankTransfer = { kind: 'BANK_TRANSFER', enabled: true, displayName: 'Bank transfer', instructions: INSTRUCTIONS, holdHours: 72 };
  const payManually = async (orderId: string, manual: string, idempotencyKey = randomUUID(), token = customer) => {
    const result = await payments
      .client(token)
      .rawRequest<ProcessManualPaymentResult>(PROCESS_MANUAL_PAYMENT, { input: { orderId, paymentMethod: { manual }, idempotencyKey } });
    expect(result.errors).toBeUndefined();
    return result.data.processPayment;
  };
  const markPaid = (orderId: string, idempotencyKey: string, token = staff, reference = 'TRF-2026-0042') =>
    payments.client(token).rawRequest<MarkOrderAsPaidResult>(MARK_ORDER_AS_PAID, { input: { orderId, reference, idempotencyKey } });
  const outbox = async (orderId: string): Promise<OutboxEnvelope[]> =>
    (await owner.query(`SELECT envelope FROM outbox_event WHERE envelope->>'aggregateId' = $1 ORDER BY seq`, [orderId])).map(
      (row: { envelope: OutboxEnvelope }) => row.envelope,
    );
  const paymentRows = (orderId: string): Promise<{ status: string; provider: string; marked_paid_by: string | null }[]> =>
    owner.query(`SELECT status, provider, marked_paid_by FROM payment WHERE order_id = $1 ORDER BY created_at`, [orderId]);

  beforeAll(async () => {
    payments = await startTestSubgraph(createPaymentsSubgraph({ ...loadPaymentsConfig({}), orderWaitMs: 2000 }, provider));
    owner = await openOwnerConnection(payments.runtime.config);
  });
  afterAll(async () => {
    await owner.destroy();
    await payments.close();
  });

  it('lets staff configure a method within bounds, refuses out-of-bound input and other callers, and shows enabled methods at checkout', async () => {
    const tooLong = await configure({ ...bankTransfer, holdHours: 721 });
    expect(tooLong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const blank = await configure({ ...bankTransfer, displayName: '   ' });
    expect(blank.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const longInstructions = await configure({ ...bankTransfer, instructions: 'x'.repeat(2001) });
    expect(longInstructions.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(
      (
        await payments
          .client()
          .rawRequest(CONFIGURE_MANUAL_METHOD, { input: bankTransfer })
          .catch((error) => error.response)
      ).errors[0].extensions.code,
    ).toBe('UNAUTHENTICATED');
    const byCustomer = await configure(bankTransfer, customer).catch((error) => error.response);
    expect(byCustomer.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(await owner.query(`SELECT 1 FROM manual_payment_method WHERE store_id = $1`, [storeId])).toHaveLength(0);

    const configured = await configure(bankTransfer);
    expect(configured.data.configureManualPaymentMethod).toEqual({ method: bankTransfer, userErrors: [] });
    await configure({ kind: 'CASH_ON_DELIVERY', enabled: false, displayName: 'Cash on delivery', instructions: 'Pay the driver.', holdHours: 24 });

    const shown = await payments.client(undefined, { 'x-store-id': storeId }).request<PaymentMethodsResult>(PAYMENT_METHODS);
    expect(shown.paymentMethods).toEqual([
      { kind: 'CARD', displayName: 'Card', instructions: null },
      { kind: 'BANK_TRANSFER', displayName: 'Bank transfer', instructions: INSTRUCTIONS },
    ]);
    // another store shows only what it configured: nothing but cards
    const elsewhere = await payments.client(undefined, { 'x-store-id': otherStoreId }).request<PaymentMethodsResult>(PAYMENT_METHODS);
    expect(elsewhere.paymentMethods.map((method) => method.kind)).toEqual(['CARD']);
    const listed = await payments.client(staff).request<{ manualPaymentMethods: { kind: string; enabled: boolean }[] }>(MANUAL_PAYMENT_METHODS);
    expect(listed.manualPaymentMethods.map(({ kind, enabled }) => ({ kind, enabled }))).toEqual([
      { kind: 'BANK_TRANSFER', enabled: true },
      { kind: 'CASH_ON_DELIVERY', enabled: false },
    ]);
    expect((await payments.client(otherMerchant).request<{ manualPaymentMethods: unknown[] }>(MANUAL_PAYMENT_METHODS)).manualPaymentMethods).toEqual([]);
  });

  it('takes a bank transfer as a PENDING payment with its instructions, calls no provider and asks for the stock to be held', async () => {
    const orderId = await saga.placeOrder({ customerId, total: 4999 });
    const started = Date.now();
    const result = await payManually(orderId, 'BANK_TRANSFER');
    expect(result.userErrors).toEqual([]);
    expect(result.payment).toMatchObject({ status: 'PENDING', provider: 'manual', method: 'BANK_TRANSFER', instructions: INSTRUCTIONS, transactions: [] });
    expect(provider.charges).toHaveLength(0);
    const [initiated] = await outbox(orderId);
    expect(initiated).toMatchObject({ type: 'payments.initiated', data: { method: 'BANK_TRANSFER', instructions: INSTRUCTIONS, provider: 'manual' } });
    const holdUntil = new Date(String(initiated.data.holdReservationUntil)).getTime();
    expect(holdUntil).toBeGreaterThanOrEqual(started + 72 * HOUR_MS - 1000);
    expect(holdUntil).toBeLessThanOrEqual(Date.now() + 72 * HOUR_MS);

    // the reconciliation sweep has nobody to ask about a manual payment, however old
    const summary = await reconcilePendingPayments(payments.runtime, provider, {
      afterSeconds: 0,
      intervalSeconds: 60,
      backoffSeconds: 0,
      backoffCapSeconds: 0,
      maxAttempts: 1,
    });
    expect([...summary.settled, ...summary.stillPending, ...summary.needsReview, ...summary.failedToAsk]).not.toContain(result.payment!.id);
    expect((await paymentRows(orderId))[0].status).toBe('PENDING');

    // repeating the request answers the same payment without waiting; a card meanwhile is refused
    const key = randomUUID();
    const again = await payManually(orderId, 'BANK_TRANSFER', key);
    expect(again.userErrors.map((error) => error.code)).toEqual(['PAYMENT_IN_PROGRESS']);
    expect(await paymentRows(orderId)).toHaveLength(1);
  });

  it('refuses a method the store did not enable, and writes nothing', async () => {
    const orderId = await saga.placeOrder({ customerId });
    for (const manual of ['CASH_ON_DELIVERY', 'OTHER']) {
      const result = await payManually(orderId, manual);
      expect(result.payment).toBeNull();
      expect(result.userErrors).toEqual([
        { code: 'PAYMENT_METHOD_NOT_AVAILABLE', field: ['input', 'paymentMethod', 'manual'], message: expect.stringContaining(manual) },
      ]);
    }
    const both = await payments
      .client(customer)
      .rawRequest(PROCESS_MANUAL_PAYMENT, {
        input: { orderId, paymentMethod: { manual: 'BANK_TRANSFER', cardNumber: '4242424242424242' }, idempotencyKey: 'k' },
      })
      .catch((error) => error.response);
    expect(both.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await paymentRows(orderId)).toEqual([]);
    expect(await outbox(orderId)).toEqual([]);
  });

  it('lets only the store’s staff mark it paid, once: payments.succeeded with the actor, the same key answered again, another key INVALID_TRANSITION', async () => {
    const orderId = await saga.placeOrder({ customerId, total: 2500 });
    const { payment } = await payManually(orderId, 'BANK_TRANSFER');

    const byCustomer = await markPaid(orderId, 'mark-1', customer).catch((error) => error.response);
    expect(byCustomer.errors[0].extensions.code).toBe('FORBIDDEN');
    const byOtherStore = await markPaid(orderId, 'mark-1', otherMerchant);
    expect(byOtherStore.data.markOrderAsPaid).toEqual({
      payment: null,
      order: null,
      userErrors: [{ code: 'NOT_FOUND', field: ['input', 'orderId'], message: 'No such order' }],
    });
    const blankReference = await markPaid(orderId, 'mark-1', staff, '  ').catch((error) => error.response);
    expect(blankReference.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await paymentRows(orderId))[0].status).toBe('PENDING');

    const marked = await markPaid(orderId, 'mark-1');
    expect(marked.data.markOrderAsPaid.userErrors).toEqual([]);
    expect(marked.data.markOrderAsPaid.payment).toMatchObject({
      id: payment!.id,
      status: 'SUCCEEDED',
      providerReference: 'TRF-2026-0042',
      method: 'BANK_TRANSFER',
      transactions: [{ type: 'SALE', status: 'SUCCEEDED', amount: { amount: 2500, currencyCode: 'USD' }, providerReference: 'TRF-2026-0042' }],
    });
    const succeeded = (await outbox(orderId)).filter((event) => event.type === 'payments.succeeded');
    expect(succeeded).toHaveLength(1);
    expect(succeeded[0].data).toMatchObject({ paymentId: payment!.id, orderId, method: 'BANK_TRANSFER', actor: { userId: staffUserId } });
    expect(await paymentRows(orderId)).toEqual([{ status: 'SUCCEEDED', provider: 'manual', marked_paid_by: staffUserId }]);

    const repeated = await markPaid(orderId, 'mark-1');
    expect(repeated.data.markOrderAsPaid).toEqual(marked.data.markOrderAsPaid);
    const otherReference = await markPaid(orderId, 'mark-1', staff, 'TRF-OTHER');
    expect(otherReference.data.markOrderAsPaid.userErrors.map((error) => error.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    const secondMark = await markPaid(orderId, 'mark-2', merchant);
    expect(secondMark.data.markOrderAsPaid.userErrors).toEqual([
      { code: 'INVALID_TRANSITION', field: ['input', 'orderId'], message: 'This order cannot be marked paid: it is already paid' },
    ]);
    expect((await outbox(orderId)).filter((event) => event.type === 'payments.succeeded')).toHaveLength(1);
  });

  it('refuses to mark paid an order that awaits no manual payment (a card order, an unknown order)', async () => {
    const orderId = await saga.placeOrder({ customerId });
    const result = await markPaid(orderId, 'mark-1');
    expect(result.data.markOrderAsPaid.userErrors.map((error) => error.code)).toEqual(['INVALID_TRANSITION']);
    const unknown = await markPaid(randomUUID(), 'mark-1');
    expect(unknown.data.markOrderAsPaid.userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    expect(await paymentRows(orderId)).toEqual([]);
  });

  it('keeps the order payable until the extended hold, and fails the manual payment when the hold expires: it can no longer be marked paid', async () => {
    const orderId = await saga.placeOrder({ customerId, reservedForMs: 60_000 });
    await payManually(orderId, 'BANK_TRANSFER');
    const holdUntil = new Date(Date.now() + 72 * HOUR_MS);
    await saga.publish('inventory.reservation-extended', orderId, { orderId, expiresAt: holdUntil.toISOString() });
    await eventually(async () => ((await saga.readModel(orderId))!.reserved_until as Date).getTime() === holdUntil.getTime());

    await saga.released(orderId, 'expired');
    await eventually(async () => (await paymentRows(orderId))[0].status === 'FAILED');
    const [sale] = await owner.query(`SELECT t.status, t.error_code FROM payment_transaction t JOIN payment p ON p.id = t.payment_id WHERE p.order_id = $1`, [
      orderId,
    ]);
    expect(sale).toEqual({ status: 'FAILED', error_code: 'manual_payment_not_received' });
    const late = await markPaid(orderId, 'mark-late');
    expect(late.data.markOrderAsPaid.userErrors).toEqual([
      {
        code: 'INVALID_TRANSITION',
        field: ['input', 'orderId'],
        message: 'This order cannot be marked paid: its manual payment was not received before the order closed',
      },
    ]);
    // nothing was declined: no payments.failed, no payments.succeeded
    expect((await outbox(orderId)).map((event) => event.type)).toEqual(['payments.initiated']);
  });
});
