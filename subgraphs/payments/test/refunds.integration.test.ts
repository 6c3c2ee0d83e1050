import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { eventually } from '../../kit/test/support/test-names';
import { createPaymentsSubgraph } from '../src/payments.subgraph';
import { loadPaymentsConfig, type RefundRetrySettings } from '../src/payments.config';
import { REFUND_FAILS_CARD, SimulatedProvider } from '../src/provider/simulated-provider';
import type { RefundOutcome, RefundRequest } from '../src/provider/payment-provider';
import { retryDueRefunds } from '../src/refund/retry-refunds.job';
import { sagaEvents } from './support/saga-events';
import { PROCESS_PAYMENT, type OutboxEnvelope, type ProcessPaymentResult } from './support/payment-operations';

const VISA = '4242424242424242';

/** The simulated provider, recording every refund call. */
class ObservedProvider extends SimulatedProvider {
  readonly refundCalls: RefundRequest[] = [];
  override async refund(request: RefundRequest): Promise<RefundOutcome> {
    this.refundCalls.push(request);
    return super.refund(request);
  }
}

/** Retries are driven by the test (`retryDueRefunds`), so the backoff never makes a test wait. */
const SETTINGS: RefundRetrySettings = { maxAttempts: 3, backoffSeconds: 3600 };

/**
 * Payments' side of orders' refunds (issue 15): orders.refund-requested is refunded through the provider
 * with the refund id as idempotency key; a refused refund is retried a bounded number of times, then
 * reported with payments.refund-failed (never only dead-lettered); staff's retry is a new attempt.
 */
describe('payments: refunds orders ask for', () => {
  const storeId = randomUUID();
  const customerId = randomUUID();
  const customer = tokenFor([Role.CUSTOMER], storeId, customerId);
  const provider = new ObservedProvider();
  let payments: TestSubgraph;
  let owner: DataSource;
  const saga = sagaEvents(() => payments, storeId);

  beforeAll(async () => {
    payments = await startTestSubgraph(createPaymentsSubgraph({ ...loadPaymentsConfig({}), orderWaitMs: 2000, refunds: SETTINGS }, provider));
    owner = await openOwnerConnection(payments.runtime.config);
  });
  afterAll(async () => {
    await owner.destroy();
    await payments.close();
  });

  const paidOrder = async (cardNumber: string, total = 5000) => {
    const orderId = await saga.placeOrder({ customerId, total });
    const result = await payments
      .client(customer)
      .rawRequest<ProcessPaymentResult>(PROCESS_PAYMENT, { input: { orderId, paymentMethod: { cardNumber }, idempotencyKey: randomUUID() } });
    expect(result.data.processPayment.payment?.status).toBe('SUCCEEDED');
    return { orderId, payment: result.data.processPayment.payment! };
  };
  const requestRefund = (orderId: string, refundId: string, amount: number, attempt = 1) =>
    saga.publish('orders.refund-requested', orderId, {
      orderId,
      orderNumber: '#1001',
      customerId,
      email: 'shopper@example.com',
      refundId,
      attempt,
      amount: { amount, currencyCode: 'USD' },
      shipping: { amount: 0, currencyCode: 'USD' },
      reason: 'Damaged',
      lines: [],
      actor: { userId: 'staff-1' },
    });
  const eventsOf = async (orderId: string, type: string): Promise<OutboxEnvelope[]> =>
    (await owner.query(`SELECT envelope FROM outbox_event WHERE envelope->>'aggregateId' = $1 AND envelope->>'type' = $2 ORDER BY seq`, [orderId, type])).map(
      (row: { envelope: OutboxEnvelope }) => row.envelope,
    );
  const request = async (refundId: string): Promise<{ status: string; tries: number; order_attempt: number } | undefined> =>
    (await owner.query(`SELECT status, tries, order_attempt FROM refund_request WHERE refund_id = $1`, [refundId]))[0];
  const paymentStatus = async (paymentId: string) => (await owner.query(`SELECT status FROM payment WHERE id = $1`, [paymentId]))[0].status as string;
  const refundTransactions = async (paymentId: string) =>
    owner.query(
      `SELECT status, amount::int AS amount, refund_id AS "refundId" FROM payment_transaction WHERE payment_id = $1 AND type = 'REFUND' ORDER BY created_at`,
      [paymentId],
    );

  it('refunds part, then the rest: one provider call each keyed by the refund id, payments.refunded with each amount, REFUNDED at the end', async () => {
    const { orderId, payment } = await paidOrder(VISA);
    const [first, second] = [randomUUID(), randomUUID()];
    await requestRefund(orderId, first, 2000);
    await eventually(async () => (await request(first))?.status === 'SUCCEEDED', 10_000, 'the first refund made');
    expect(await paymentStatus(payment.id)).toBe('SUCCEEDED');
    // a repeat of the request (another event id) refunds nothing more
    await requestRefund(orderId, first, 2000);
    await requestRefund(orderId, second, 3000);
    await eventually(async () => (await request(second))?.status === 'SUCCEEDED', 10_000, 'the second refund made');

    expect(provider.refundCalls.filter((call) => call.orderId === orderId).map((call) => [call.idempotencyKey, call.amount.amount])).toEqual([
      [`refund-${first}`, 2000],
      [`refund-${second}`, 3000],
    ]);
    const refunded = await eventsOf(orderId, 'payments.refunded');
    expect(refunded.map((event) => event.data)).toEqual([
      expect.objectContaining({
        refundId: first,
        paymentId: payment.id,
        amount: { amount: 2000, currencyCode: 'USD' },
        actor: { userId: 'staff-1' },
        reason: null,
      }),
      expect.objectContaining({ refundId: second, amount: { amount: 3000, currencyCode: 'USD' } }),
    ]);
    expect(await refundTransactions(payment.id)).toEqual([
      { status: 'SUCCEEDED', amount: 2000, refundId: first },
      { status: 'SUCCEEDED', amount: 3000, refundId: second },
    ]);
    expect(await paymentStatus(payment.id)).toBe('REFUNDED');
  });

  it('retries a refund the provider keeps refusing a bounded number of times, then reports payments.refund-failed; staff’s retry succeeds once the failure is lifted', async () => {
    const { orderId, payment } = await paidOrder(REFUND_FAILS_CARD, 4000);
    const refundId = randomUUID();
    await requestRefund(orderId, refundId, 4000);
    await eventually(async () => (await request(refundId))?.tries === 1, 10_000, 'the first try made');
    expect(await request(refundId)).toMatchObject({ status: 'PENDING', tries: 1 });
    // the next try is not due for an hour: a sweep now tries nothing
    expect(await retryDueRefunds(payments.runtime, provider, SETTINGS)).toEqual({});

    await owner.query(`UPDATE refund_request SET next_try_at = now() WHERE refund_id = $1`, [refundId]);
    expect(await retryDueRefunds(payments.runtime, provider, SETTINGS)).toEqual({ [refundId]: 'retrying' });
    expect(await eventsOf(orderId, 'payments.refund-failed')).toEqual([]);
    await owner.query(`UPDATE refund_request SET next_try_at = now() WHERE refund_id = $1`, [refundId]);
    expect(await retryDueRefunds(payments.runtime, provider, SETTINGS)).toEqual({ [refundId]: 'failed' });

    expect(await request(refundId)).toMatchObject({ status: 'FAILED', tries: 3 });
    const [failed] = await eventsOf(orderId, 'payments.refund-failed');
    expect(failed.data).toMatchObject({ refundId, paymentId: payment.id, amount: { amount: 4000 }, errorCode: 'refund_failed', attempts: 3 });
    expect((await refundTransactions(payment.id)).map((t: { status: string }) => t.status)).toEqual(['FAILED', 'FAILED', 'FAILED']);
    expect(await paymentStatus(payment.id)).toBe('SUCCEEDED');
    expect(provider.refundCalls.filter((call) => call.orderId === orderId).map((call) => call.idempotencyKey)).toEqual(Array(3).fill(`refund-${refundId}`));

    // staff's retryRefund: attempt 2, a new provider key, tries afresh
    provider.liftRefundFailure(payment.providerReference!);
    await requestRefund(orderId, refundId, 4000, 2);
    await eventually(async () => (await request(refundId))?.status === 'SUCCEEDED', 10_000, 'the retried refund made');
    expect(await request(refundId)).toMatchObject({ order_attempt: 2, tries: 1 });
    expect(provider.refundCalls.filter((call) => call.orderId === orderId).at(-1)?.idempotencyKey).toBe(`refund-${refundId}-2`);
    expect((await eventsOf(orderId, 'payments.refunded')).map((event) => event.data.refundId)).toEqual([refundId]);
    expect(await paymentStatus(payment.id)).toBe('REFUNDED');
  });

  it('reports at once a refund that can never succeed: more than is left of the payment', async () => {
    const { orderId } = await paidOrder(VISA, 1000);
    const refundId = randomUUID();
    await requestRefund(orderId, refundId, 1001);
    await eventually(async () => (await request(refundId))?.status === 'FAILED', 10_000, 'the refund reported failed');
    const [failed] = await eventsOf(orderId, 'payments.refund-failed');
    expect(failed.data).toMatchObject({ refundId, message: 'The refund is more than is left of the payment', attempts: 1 });
    expect(provider.refundCalls.filter((call) => call.orderId === orderId)).toEqual([]);
  });
});
