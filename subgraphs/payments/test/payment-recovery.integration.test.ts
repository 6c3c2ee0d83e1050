import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Money, Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { eventually } from '../../kit/test/support/test-names';
import { createPaymentsSubgraph } from '../src/payments.subgraph';
import { loadPaymentsConfig, type ReconcileSettings } from '../src/payments.config';
import { FAILURE_CARDS, SimulatedProvider } from '../src/provider/simulated-provider';
import type { ChargeOutcome, ChargeRequest, LookupRequest } from '../src/provider/payment-provider';
import { reconcilePendingPayments } from '../src/reconciliation/reconcile-payments.job';
import { simulatedWebhookListener } from '../src/webhook/simulated-webhook';
import { sagaEvents } from './support/saga-events';
import { PAYMENT, PROCESS_PAYMENT, type OutboxEnvelope, type PaymentResult, type ProcessPaymentResult } from './support/payment-operations';

const VISA = '4242424242424242';

/** A gate a test opens when it has done what must happen "meanwhile". */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let reached!: () => void;
  const arrived = new Promise<void>((resolve) => (reached = resolve));
  return { open, opened, reached, arrived };
}

/** The simulated provider, counting calls, whose answers a test can hold back for one payment. */
class ObservedProvider extends SimulatedProvider {
  readonly chargeCalls: ChargeRequest[] = [];
  readonly lookupCalls: LookupRequest[] = [];
  /** What the provider's record says of a payment when a test rewrites it (a decline whose answer was lost). */
  readonly recordedOutcomes = new Map<string, ChargeOutcome>();
  chargeGates = new Map<string, ReturnType<typeof gate>>();
  lookupGates = new Map<string, ReturnType<typeof gate>>();

  constructor() {
    super({ webhookDelayMs: 3_600_000 }); // delayed webhooks are delivered by the tests, never by the clock
  }

  override async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    this.chargeCalls.push(request);
    const outcome = await super.charge(request);
    const held = this.chargeGates.get(request.orderId);
    if (held) {
      held.reached();
      await held.opened;
    }
    return outcome;
  }

  override async lookup(request: LookupRequest): Promise<ChargeOutcome | null> {
    this.lookupCalls.push(request);
    const outcome = this.recordedOutcomes.get(request.paymentId) ?? (await super.lookup(request));
    const held = this.lookupGates.get(request.paymentId);
    if (held) {
      held.reached();
      await held.opened;
    }
    return outcome;
  }
}

const SETTINGS: ReconcileSettings = { afterSeconds: 0, intervalSeconds: 3600, backoffSeconds: 60, backoffCapSeconds: 3600, maxAttempts: 3 };

describe('payments subgraph: payments that never get stuck (retries, reconciliation, convergence)', () => {
  const storeId = randomUUID();
  const customerId = randomUUID();
  const customer = tokenFor([Role.CUSTOMER], storeId, customerId);
  const provider = new ObservedProvider();
  let payments: TestSubgraph;
  let owner: DataSource;
  const saga = sagaEvents(() => payments, storeId);

  const pay = async (orderId: string, cardNumber: string, idempotencyKey: string = randomUUID()) => {
    const result = await payments
      .client(customer)
      .rawRequest<ProcessPaymentResult>(PROCESS_PAYMENT, { input: { orderId, paymentMethod: { cardNumber }, idempotencyKey } });
    expect(result.errors).toBeUndefined();
    return result.data.processPayment;
  };
  const read = async (id: string) => (await payments.client(customer).rawRequest<{ payment: PaymentResult }>(PAYMENT, { id })).data.payment;
  const eventTypes = async (orderId: string): Promise<string[]> =>
    (await owner.query(`SELECT envelope FROM outbox_event WHERE envelope->>'aggregateId' = $1 ORDER BY seq`, [orderId])).map(
      (row: { envelope: OutboxEnvelope }) => row.envelope.type,
    );
  const row = async (paymentId: string) =>
    (
      await owner.query(
        `SELECT status, reconcile_attempts, EXTRACT(EPOCH FROM next_reconcile_at - now())::float8 AS due_in_seconds FROM payment WHERE id = $1`,
        [paymentId],
      )
    )[0] as { status: string; reconcile_attempts: number; due_in_seconds: number | null };
  const reconcile = (settings: ReconcileSettings = SETTINGS) => reconcilePendingPayments(payments.runtime, provider, settings);
  const webhook = (paymentId: string, outcome: ChargeOutcome) => simulatedWebhookListener(payments.runtime)(paymentId, outcome);
  const chargeKeysOf = (orderId: string) => provider.chargeCalls.filter((charge) => charge.orderId === orderId).map((charge) => charge.idempotencyKey);

  beforeAll(async () => {
    payments = await startTestSubgraph(createPaymentsSubgraph({ ...loadPaymentsConfig({}), orderWaitMs: 2000 }, provider));
    owner = await openOwnerConnection(payments.runtime.config);
  });
  afterAll(async () => {
    await owner.destroy();
    await payments.close();
  });

  describe('safe retries', () => {
    it('retries a timed-out payment with a new client key: the same provider key reaches the provider, one payment settles, one charge', async () => {
      const orderId = await saga.placeOrder({ customerId, total: 2500 });
      const first = await pay(orderId, FAILURE_CARDS.timeout);
      expect(first.payment).toMatchObject({ status: 'PENDING', providerReference: null, transactions: [{ type: 'SALE', status: 'PENDING' }] });
      expect(first.userErrors).toEqual([expect.objectContaining({ code: 'PAYMENT_PENDING' })]);
      const paymentId = first.payment!.id;

      // another card while the outcome is unknown is refused and writes nothing
      const otherCard = await pay(orderId, VISA);
      expect(otherCard.userErrors[0].code).toBe('PAYMENT_IN_PROGRESS');
      expect(otherCard.payment).toBeNull();

      const retried = await pay(orderId, FAILURE_CARDS.timeout);
      expect(retried.userErrors).toEqual([]);
      expect(retried.payment).toMatchObject({ id: paymentId, status: 'SUCCEEDED', providerReference: expect.stringMatching(/^sim_pi_/) });
      expect(retried.payment!.transactions).toEqual([expect.objectContaining({ type: 'SALE', status: 'SUCCEEDED' })]);
      expect(chargeKeysOf(orderId)).toEqual([`payment-${paymentId}`, `payment-${paymentId}`]);
      expect(await eventTypes(orderId)).toEqual(['payments.initiated', 'payments.succeeded']);
      expect(Number((await owner.query(`SELECT count(*) AS n FROM payment WHERE order_id = $1`, [orderId]))[0].n)).toBe(1);

      // and now the order is paid: a third call is told so
      expect((await pay(orderId, VISA)).userErrors[0].code).toBe('ORDER_ALREADY_PAID');
    });

    it('retries a rate-limited payment with the same client key: nothing was charged by the 429, the retry charges once', async () => {
      const orderId = await saga.placeOrder({ customerId, total: 1800 });
      const key = randomUUID();
      const first = await pay(orderId, FAILURE_CARDS.rateLimited, key);
      expect(first.payment?.status).toBe('PENDING');
      expect(first.userErrors[0]).toMatchObject({ code: 'PAYMENT_PENDING', message: expect.stringMatching(/429/) });

      const retried = await pay(orderId, FAILURE_CARDS.rateLimited, key);
      expect(retried.payment).toMatchObject({ id: first.payment!.id, status: 'SUCCEEDED' });
      expect(chargeKeysOf(orderId)).toEqual([`payment-${first.payment!.id}`, `payment-${first.payment!.id}`]);
      expect(await eventTypes(orderId)).toEqual(['payments.initiated', 'payments.succeeded']);
      // a replay of the settled request answers it again without calling the provider
      expect((await pay(orderId, FAILURE_CARDS.rateLimited, key)).payment?.status).toBe('SUCCEEDED');
      expect(chargeKeysOf(orderId)).toHaveLength(2);
    });

    it('does not retry a payment whose order is no longer payable, and writes nothing', async () => {
      const orderId = await saga.placeOrder({ customerId });
      const first = await pay(orderId, FAILURE_CARDS.timeout);
      await saga.cancelled(orderId);
      await saga.released(orderId);
      await eventually(async () => (await saga.readModel(orderId))?.closed_at !== null, 10_000, 'the order closed in the read model');
      const retried = await pay(orderId, FAILURE_CARDS.timeout);
      expect(retried.userErrors[0].code).toBe('ORDER_NOT_PAYABLE');
      expect(chargeKeysOf(orderId)).toHaveLength(1);
      expect((await read(first.payment!.id)).status).toBe('PENDING');
      expect(await eventTypes(orderId)).toEqual(['payments.initiated']);
    });
  });

  describe('reconciliation', () => {
    it('settles a timed-out payment from the provider’s record with the events of a synchronous success, once', async () => {
      const orderId = await saga.placeOrder({ customerId, total: 4200 });
      const paymentId = (await pay(orderId, FAILURE_CARDS.timeout)).payment!.id;

      const summary = await reconcile();
      expect(summary.settled).toContain(paymentId);
      expect(provider.lookupCalls.filter((lookup) => lookup.paymentId === paymentId)).toEqual([
        { paymentId, providerReference: null, idempotencyKey: `payment-${paymentId}`, amount: Money.of(4200, 'USD') },
      ]);
      expect(await read(paymentId)).toMatchObject({ status: 'SUCCEEDED', providerReference: expect.stringMatching(/^sim_pi_/) });
      expect(await eventTypes(orderId)).toEqual(['payments.initiated', 'payments.succeeded']);

      const again = await reconcile();
      expect([...again.settled, ...again.stillPending]).not.toContain(paymentId);
      expect(await eventTypes(orderId)).toEqual(['payments.initiated', 'payments.succeeded']);
    });

    it('settles a payment the provider declined as FAILED (payments.failed), leaving the order payable', async () => {
      const orderId = await saga.placeOrder({ customerId });
      const paymentId = (await pay(orderId, FAILURE_CARDS.timeout)).payment!.id;
      // the provider declined the charge whose answer was lost
      provider.recordedOutcomes.set(paymentId, {
        status: 'failed',
        providerReference: 'sim_pi_declined',
        errorCode: 'card_declined',
        message: 'Your card was declined.',
      });
      expect((await reconcile()).settled).toContain(paymentId);
      expect(await read(paymentId)).toMatchObject({ status: 'FAILED', transactions: [{ status: 'FAILED', errorCode: 'card_declined' }] });
      expect(await eventTypes(orderId)).toEqual(['payments.initiated', 'payments.failed']);
      expect((await pay(orderId, VISA)).payment?.status).toBe('SUCCEEDED');
    });

    it('backs off exponentially while the provider has no outcome, then leaves the payment NEEDS_REVIEW for staff', async () => {
      const orderId = await saga.placeOrder({ customerId });
      const paymentId = (await pay(orderId, FAILURE_CARDS.rateLimited)).payment!.id;

      expect((await reconcile()).stillPending).toContain(paymentId);
      const first = await row(paymentId);
      expect(first).toMatchObject({ status: 'PENDING', reconcile_attempts: 1 });
      expect(first.due_in_seconds).toBeGreaterThan(55);
      expect(first.due_in_seconds).toBeLessThanOrEqual(60);

      // not due yet: the next sweep leaves it alone
      await reconcile();
      expect((await row(paymentId)).reconcile_attempts).toBe(1);

      await owner.query(`UPDATE payment SET next_reconcile_at = now() WHERE id = $1`, [paymentId]);
      await reconcile();
      const second = await row(paymentId);
      expect(second.reconcile_attempts).toBe(2);
      expect(second.due_in_seconds).toBeGreaterThan(115);
      expect(second.due_in_seconds).toBeLessThanOrEqual(120);

      await owner.query(`UPDATE payment SET next_reconcile_at = now() WHERE id = $1`, [paymentId]);
      expect((await reconcile()).needsReview).toContain(paymentId);
      expect(await read(paymentId)).toMatchObject({ status: 'NEEDS_REVIEW' });
      expect(await eventTypes(orderId)).toEqual(['payments.initiated']);

      // the order cannot be paid twice meanwhile, whatever the card
      const blocked = await pay(orderId, VISA);
      expect(blocked.userErrors[0].code).toBe('PAYMENT_UNDER_REVIEW');
      expect(Number((await owner.query(`SELECT count(*) AS n FROM payment WHERE order_id = $1`, [orderId]))[0].n)).toBe(1);
      // a review is not reconciled again...
      await owner.query(`UPDATE payment SET next_reconcile_at = now() WHERE id = $1`, [paymentId]);
      expect(provider.lookupCalls.filter((lookup) => lookup.paymentId === paymentId)).toHaveLength(3);
      await reconcile();
      expect(provider.lookupCalls.filter((lookup) => lookup.paymentId === paymentId)).toHaveLength(3);
      // ...but a late report of the provider still settles it, once
      await webhook(paymentId, { status: 'succeeded', providerReference: 'sim_pi_late' });
      await webhook(paymentId, { status: 'succeeded', providerReference: 'sim_pi_late' });
      expect(await read(paymentId)).toMatchObject({ status: 'SUCCEEDED', providerReference: 'sim_pi_late' });
      expect(await eventTypes(orderId)).toEqual(['payments.initiated', 'payments.succeeded']);
    });

    it('shares the work between replicas: two concurrent sweeps ask the provider once per payment', async () => {
      const orders = await Promise.all([1, 2, 3].map(() => saga.placeOrder({ customerId })));
      const ids = await Promise.all(orders.map(async (orderId) => (await pay(orderId, FAILURE_CARDS.timeout)).payment!.id));
      const [a, b] = await Promise.all([reconcile(), reconcile()]);
      for (const id of ids) {
        expect(provider.lookupCalls.filter((lookup) => lookup.paymentId === id)).toHaveLength(1);
        expect([...a.settled, ...b.settled].filter((settled) => settled === id)).toHaveLength(1);
      }
      for (const orderId of orders) expect(await eventTypes(orderId)).toEqual(['payments.initiated', 'payments.succeeded']);
    });
  });

  describe('convergence: one state whatever order the reports arrive in', () => {
    it('webhook before the synchronous answer', async () => {
      const orderId = await saga.placeOrder({ customerId });
      const held = gate();
      provider.chargeGates.set(orderId, held);
      const answer = pay(orderId, FAILURE_CARDS.delayedWebhook);
      await held.arrived;
      await provider.deliverDelayedWebhooks(); // the webhook settles it while our call's answer is still on its way
      held.open();
      const result = await answer;
      expect(result.payment).toMatchObject({ status: 'SUCCEEDED' });
      expect(result.userErrors).toEqual([]);
      expect(await eventTypes(orderId)).toEqual(['payments.initiated', 'payments.succeeded']);
    });

    it('webhook after reconciliation', async () => {
      const orderId = await saga.placeOrder({ customerId });
      const pending = await pay(orderId, FAILURE_CARDS.delayedWebhook);
      expect(pending.payment).toMatchObject({ status: 'PENDING', providerReference: expect.stringMatching(/^sim_pi_/) });
      expect((await reconcile()).settled).toContain(pending.payment!.id);
      await provider.deliverDelayedWebhooks();
      expect(await read(pending.payment!.id)).toMatchObject({ status: 'SUCCEEDED' });
      expect(await eventTypes(orderId)).toEqual(['payments.initiated', 'payments.succeeded']);
    });

    it('reconciliation after webhook, and a webhook landing between reconciliation’s lookup and its settlement', async () => {
      const orderId = await saga.placeOrder({ customerId });
      const paymentId = (await pay(orderId, FAILURE_CARDS.delayedWebhook)).payment!.id;
      await provider.deliverDelayedWebhooks();
      expect((await read(paymentId)).status).toBe('SUCCEEDED');
      const after = await reconcile();
      expect([...after.settled, ...after.stillPending]).not.toContain(paymentId);

      const racing = await saga.placeOrder({ customerId });
      const racingId = (await pay(racing, FAILURE_CARDS.delayedWebhook)).payment!.id;
      const held = gate();
      provider.lookupGates.set(racingId, held);
      const sweep = reconcile();
      await held.arrived;
      await provider.deliverDelayedWebhooks();
      held.open();
      await sweep;
      expect(await read(racingId)).toMatchObject({ status: 'SUCCEEDED' });
      for (const order of [orderId, racing]) expect(await eventTypes(order)).toEqual(['payments.initiated', 'payments.succeeded']);
    });

    it('duplicate and contradicting webhooks change nothing once settled', async () => {
      const orderId = await saga.placeOrder({ customerId });
      const paymentId = (await pay(orderId, FAILURE_CARDS.delayedWebhook)).payment!.id;
      const report: ChargeOutcome = { status: 'succeeded', providerReference: 'sim_pi_dup' };
      await Promise.all([webhook(paymentId, report), webhook(paymentId, report)]);
      await webhook(paymentId, { status: 'failed', providerReference: 'sim_pi_dup', errorCode: 'card_declined', message: 'late and wrong' });
      await webhook(paymentId, { status: 'pending', providerReference: 'sim_pi_dup', message: 'still processing' });
      expect(await read(paymentId)).toMatchObject({ status: 'SUCCEEDED', transactions: [{ type: 'SALE', status: 'SUCCEEDED' }] });
      expect(await eventTypes(orderId)).toEqual(['payments.initiated', 'payments.succeeded']);
    });
  });
});
