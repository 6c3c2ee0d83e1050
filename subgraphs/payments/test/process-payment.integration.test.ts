import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { createPaymentsSubgraph } from '../src/payments.subgraph';
import { loadPaymentsConfig } from '../src/payments.config';
import { SimulatedProvider } from '../src/provider/simulated-provider';
import type { ChargeRequest, PaymentProvider, RefundRequest } from '../src/provider/payment-provider';
import { OrderFeed } from '../src/order/order-feed';
import { ChangeListener, orderChangeKey } from '../src/order/change-listener';
import { sagaEvents } from './support/saga-events';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import {
  ORDER_PAYMENTS,
  PAYMENT,
  PROCESS_PAYMENT,
  type OrderPaymentsResult,
  type OutboxEnvelope,
  type PaymentResult,
  type ProcessPaymentResult,
} from './support/payment-operations';

const VISA = '4242424242424242';
const DECLINED_CARD = '4000000000000002';
const NO_FUNDS_CARD = '4000000000009995';
const ORDER_WAIT_MS = 2500;

/** The simulated provider, slowed down a little so concurrent attempts overlap, counting every call. */
class CountingProvider implements PaymentProvider {
  readonly name = 'simulated' as const;
  readonly charges: ChargeRequest[] = [];
  readonly refunds: RefundRequest[] = [];
  private readonly simulated = new SimulatedProvider({ latencyMs: 30 });

  checkMethod = this.simulated.checkMethod.bind(this.simulated);

  charge(request: ChargeRequest) {
    this.charges.push(request);
    return this.simulated.charge(request);
  }

  refund(request: RefundRequest) {
    this.refunds.push(request);
    return this.simulated.refund(request);
  }

  lookup = this.simulated.lookup.bind(this.simulated);
  authorize = this.simulated.authorize.bind(this.simulated);
  capture = this.simulated.capture.bind(this.simulated);
  void = this.simulated.void.bind(this.simulated);
  lookupAuthorization = this.simulated.lookupAuthorization.bind(this.simulated);

  chargesOf(orderId: string): ChargeRequest[] {
    return this.charges.filter((charge) => charge.orderId === orderId);
  }
}

/** The real feed, which a test can hold "behind": as if orders.created events were still on their way. */
class HoldableOrderFeed extends OrderFeed {
  behind = false;
  override async caughtUp(): Promise<boolean> {
    return this.behind ? false : super.caughtUp();
  }
}

describe('payments subgraph: processPayment with the simulated provider', () => {
  const storeId = randomUUID();
  const customerId = randomUUID();
  const customer = tokenFor([Role.CUSTOMER], storeId, customerId);
  const merchant = tokenFor([Role.MERCHANT], storeId);
  const provider = new CountingProvider();
  const orderFeed = new HoldableOrderFeed();
  const changes = new ChangeListener();
  let payments: TestSubgraph;
  const saga = sagaEvents(() => payments, storeId);

  /** `token` null: an anonymous shopper. */
  const pay = async (
    orderId: string,
    paymentMethod: Record<string, unknown> = { cardNumber: VISA },
    token: string | null = customer,
    idempotencyKey = randomUUID(),
  ) => {
    // an anonymous shopper names the store, as the storefront always does
    const result = await payments
      .client(token ?? undefined, token ? {} : { 'x-store-id': storeId })
      .rawRequest<ProcessPaymentResult>(PROCESS_PAYMENT, { input: { orderId, paymentMethod, idempotencyKey } });
    expect(result.errors).toBeUndefined();
    return result.data.processPayment;
  };
  /** As the database owner: counts across every store (outbox_event and processed_event belong to no store). */
  const query = <T = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<T[]> => owner.query(sql, parameters);
  const count = async (sql: string, parameters: unknown[] = []) => Number((await query<{ n: string }>(sql, parameters))[0].n);
  const outbox = async (orderId: string): Promise<OutboxEnvelope[]> =>
    (await query<{ envelope: OutboxEnvelope }>(`SELECT envelope FROM outbox_event WHERE envelope->>'aggregateId' = $1 ORDER BY seq`, [orderId])).map(
      (row) => row.envelope,
    );

  let owner: DataSource;

  /** SQL statements sent for GraphQL requests so far (the kit's statement counter). */
  const requestStatements = async () => {
    const metric = await payments.runtime.registry.getSingleMetric('db_statements_total')!.get();
    return metric.values.find((value) => value.labels.source === 'request')?.value ?? 0;
  };
  /** Until payments has applied every orders.created JetStream holds (earlier tests publish some). */
  const caughtUp = () =>
    eventually(async () => {
      const { jsm, names } = payments.runtime;
      const info = await jsm.consumers.info(names.stream('orders'), names.durable('payments-order-created'));
      return info.num_pending === 0 && info.num_ack_pending === 0;
    });

  beforeAll(async () => {
    payments = await startTestSubgraph(createPaymentsSubgraph({ ...loadPaymentsConfig({}), orderWaitMs: ORDER_WAIT_MS }, provider, orderFeed, changes));
    owner = await openOwnerConnection(payments.runtime.config);
  });
  afterAll(async () => {
    await owner.destroy();
    await payments.close();
  });

  it('charges the order total and records the sale, payments.initiated and payments.succeeded', async () => {
    const orderId = await saga.placeOrder({ customerId, total: 4999 });
    const result = await pay(orderId);

    expect(result.userErrors).toEqual([]);
    expect(result.order).toEqual({ id: orderId });
    expect(result.payment).toMatchObject({
      orderId,
      status: 'SUCCEEDED',
      provider: 'simulated',
      amount: { amount: 4999, currencyCode: 'USD' },
      order: { id: orderId },
      transactions: [{ type: 'SALE', status: 'SUCCEEDED', amount: { amount: 4999, currencyCode: 'USD' }, errorCode: null }],
    });
    expect(result.payment!.providerReference).toMatch(/^sim_pi_/);
    expect(result.payment!.transactions[0].providerReference).toBe(result.payment!.providerReference);
    expect(provider.chargesOf(orderId)).toHaveLength(1);

    const events = await outbox(orderId);
    expect(events.map((event) => event.type)).toEqual(['payments.initiated', 'payments.succeeded']);
    const party = { paymentId: result.payment!.id, orderId, amount: { amount: 4999, currencyCode: 'USD' }, customerId, email: 'shopper@example.com' };
    expect(events[0]).toMatchObject({ storeId, aggregateId: orderId, data: { ...party, provider: 'simulated' } });
    expect(events[1]).toMatchObject({
      storeId,
      aggregateId: orderId,
      data: { ...party, provider: 'simulated', providerReference: result.payment!.providerReference },
    });
  });

  it('waits for an order that is on its way: its inventory.reserved overtook orders.created', async () => {
    const orderId = randomUUID();
    await saga.reserved(orderId);
    await eventually(async () => saga.readModel(orderId), 10_000, 'the reservation in the read model');
    const before = await requestStatements();
    const paying = pay(orderId, { token: 'tok_visa' });
    // waiting once it has read the key and the order (one read): orders.created arrives after that
    await eventually(async () => (await requestStatements()) - before >= 5, 10_000, 'processPayment to wait for the order');
    await saga.orderCreated(orderId, { customerId });
    const result = await paying;
    expect(result.userErrors).toEqual([]);
    expect(result.payment?.status).toBe('SUCCEEDED');
  });

  it('waits for an order whose orders.created is still among the events payments has not applied yet', async () => {
    const orderId = randomUUID();
    orderFeed.behind = true;
    try {
      const before = await requestStatements();
      const paying = pay(orderId, { token: 'tok_visa' });
      // waiting once it has read the key and the order, then found the id in no store (two reads)
      await eventually(async () => (await requestStatements()) - before >= 5 + 4, 10_000, 'processPayment to wait for the order');
      await saga.orderCreated(orderId, { customerId });
      await saga.reserved(orderId);
      const result = await paying;
      expect(result.userErrors).toEqual([]);
      expect(result.payment?.status).toBe('SUCCEEDED');
    } finally {
      orderFeed.behind = false;
    }
  });

  it('pays an order whose orders.created was just published, applied or not yet', async () => {
    const orderId = randomUUID();
    await saga.orderCreated(orderId, { customerId });
    await saga.reserved(orderId);
    const result = await pay(orderId, { token: 'tok_visa' });
    expect(result.userErrors).toEqual([]);
    expect(result.payment?.status).toBe('SUCCEEDED');
  });

  it('answers a declined card with a FAILED payment and PAYMENT_DECLINED; another card then pays the order', async () => {
    const orderId = await saga.placeOrder({ customerId });
    const declined = await pay(orderId, { cardNumber: DECLINED_CARD });
    expect(declined.userErrors).toEqual([{ code: 'PAYMENT_DECLINED', field: ['input', 'paymentMethod'], message: 'Your card was declined.' }]);
    expect(declined.payment).toMatchObject({ status: 'FAILED', transactions: [{ type: 'SALE', status: 'FAILED', errorCode: 'card_declined' }] });

    const retried = await pay(orderId, { cardNumber: VISA });
    expect(retried.userErrors).toEqual([]);
    expect(retried.payment?.status).toBe('SUCCEEDED');
    expect(retried.payment?.id).not.toBe(declined.payment?.id);

    const again = await pay(orderId, { cardNumber: VISA });
    expect(again).toMatchObject({ payment: null, userErrors: [{ code: 'ORDER_ALREADY_PAID' }] });

    const events = await outbox(orderId);
    expect(events.map((event) => event.type)).toEqual(['payments.initiated', 'payments.failed', 'payments.initiated', 'payments.succeeded']);
    expect(events[1].data).toMatchObject({ paymentId: declined.payment!.id, errorCode: 'card_declined', message: 'Your card was declined.', customerId });

    const listed = await payments.client(customer).rawRequest<OrderPaymentsResult>(ORDER_PAYMENTS, { orderId });
    expect(listed.data.payments.nodes).toEqual([
      { id: declined.payment!.id, status: 'FAILED' },
      { id: retried.payment!.id, status: 'SUCCEEDED' },
    ]);
    expect(listed.data.payments.totalCount).toBe(2);
    expect(provider.chargesOf(orderId)).toHaveLength(2);
  });

  it('tells insufficient funds apart, and declines the declining test token', async () => {
    const orderId = await saga.placeOrder({ customerId });
    const noFunds = await pay(orderId, { cardNumber: NO_FUNDS_CARD });
    expect(noFunds.userErrors).toEqual([{ code: 'INSUFFICIENT_FUNDS', field: ['input', 'paymentMethod'], message: 'Your card has insufficient funds.' }]);
    expect(noFunds.payment?.transactions[0].errorCode).toBe('insufficient_funds');

    const declinedToken = await pay(orderId, { token: 'tok_chargeDeclined' });
    expect(declinedToken.userErrors[0].code).toBe('PAYMENT_DECLINED');
    const unknownButValidCard = await pay(orderId, { cardNumber: '4000056655665556' });
    expect(unknownButValidCard.payment?.status).toBe('SUCCEEDED');
  });

  it('returns the same payment for a repeated idempotency key and charges nothing more', async () => {
    const orderId = await saga.placeOrder({ customerId });
    const idempotencyKey = randomUUID();
    const first = await pay(orderId, { cardNumber: VISA }, customer, idempotencyKey);
    const replayed = await pay(orderId, { cardNumber: VISA }, customer, idempotencyKey);
    expect(replayed).toEqual(first);
    expect(provider.chargesOf(orderId)).toHaveLength(1);

    const otherCard = await pay(orderId, { cardNumber: '5555555555554444' }, customer, idempotencyKey);
    expect(otherCard).toMatchObject({ payment: null, userErrors: [{ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] }] });

    // a declined attempt replays as declined, without asking the provider again
    const declinedOrder = await saga.placeOrder({ customerId });
    const declinedKey = randomUUID();
    const declined = await pay(declinedOrder, { cardNumber: DECLINED_CARD }, customer, declinedKey);
    expect(await pay(declinedOrder, { cardNumber: DECLINED_CARD }, customer, declinedKey)).toEqual(declined);
    expect(provider.chargesOf(declinedOrder)).toHaveLength(1);
    expect(await count(`SELECT count(*) AS n FROM payment WHERE order_id = ANY($1)`, [[orderId, declinedOrder]])).toBe(2);
  });

  it('charges once when fifty attempts with different keys arrive at the same time', async () => {
    const orderId = await saga.placeOrder({ customerId });
    const results = await Promise.all(Array.from({ length: 50 }, () => pay(orderId)));

    const succeeded = results.filter((result) => result.userErrors.length === 0);
    expect(succeeded).toHaveLength(1);
    expect(succeeded[0].payment?.status).toBe('SUCCEEDED');
    const refusals = new Set(results.filter((result) => result.userErrors.length > 0).map((result) => result.userErrors[0].code));
    expect([...refusals].every((code) => code === 'PAYMENT_IN_PROGRESS' || code === 'ORDER_ALREADY_PAID')).toBe(true);
    expect(provider.chargesOf(orderId)).toHaveLength(1);
    expect(await count(`SELECT count(*) AS n FROM payment WHERE order_id = $1`, [orderId])).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM payment WHERE order_id = $1 AND status = 'SUCCEEDED'`, [orderId])).toBe(1);
    expect((await outbox(orderId)).map((event) => event.type)).toEqual(['payments.initiated', 'payments.succeeded']);
  });

  it('charges once when fifty copies of one request (same key) arrive at the same time, and answers them all alike', async () => {
    const orderId = await saga.placeOrder({ customerId });
    const idempotencyKey = randomUUID();
    const results = await Promise.all(Array.from({ length: 50 }, () => pay(orderId, { cardNumber: VISA }, customer, idempotencyKey)));
    expect(new Set(results.map((result) => result.payment?.id)).size).toBe(1);
    expect(results.every((result) => result.payment?.status === 'SUCCEEDED' && result.userErrors.length === 0)).toBe(true);
    expect(provider.chargesOf(orderId)).toHaveLength(1);
  });

  it('refuses orders that cannot be paid: cancelled, stock released, reservation expired', async () => {
    const cancelledOrder = await saga.placeOrder({ customerId });
    await saga.cancelled(cancelledOrder);
    await eventually(async () => (await saga.readModel(cancelledOrder))?.closed_at, 10_000, 'the cancellation');
    const onCancelled = await pay(cancelledOrder);
    expect(onCancelled).toMatchObject({ payment: null, userErrors: [{ code: 'ORDER_NOT_PAYABLE', field: ['input', 'orderId'] }] });
    expect(onCancelled.userErrors[0].message).toMatch(/cancelled/);

    const releasedOrder = await saga.placeOrder({ customerId });
    await saga.released(releasedOrder, 'expired');
    await eventually(async () => (await saga.readModel(releasedOrder))?.closed_at, 10_000, 'the release');
    // a late or redelivered reservation never reopens it
    await saga.reserved(releasedOrder);
    expect((await pay(releasedOrder)).userErrors[0].code).toBe('ORDER_NOT_PAYABLE');

    const expiredOrder = await saga.placeOrder({ customerId, reservedForMs: -1000 });
    expect((await pay(expiredOrder)).userErrors[0]).toMatchObject({ code: 'ORDER_NOT_PAYABLE', message: expect.stringMatching(/expired/) });

    expect(await count(`SELECT count(*) AS n FROM payment WHERE order_id = ANY($1)`, [[cancelledOrder, releasedOrder, expiredOrder]])).toBe(0);
  });

  it('answers an order id it never heard of, or another store’s, with ORDER_NOT_FOUND at once: no wait, no polling', async () => {
    const otherStore = randomUUID();
    const otherStoresOrder = await saga.placeOrder({ customerId, storeId: otherStore });
    await pay(await saga.placeOrder({ customerId })); // the store's status is read once per process: not part of what is counted
    await caughtUp();
    const refused = { payment: null, order: null, userErrors: [expect.objectContaining({ code: 'ORDER_NOT_FOUND', field: ['input', 'orderId'] })] };
    for (const orderId of [randomUUID(), otherStoresOrder]) {
      const before = await requestStatements();
      expect(await pay(orderId)).toEqual(refused);
      // two scoped reads (begin, set the store, the SELECTs, commit): the idempotency key and the order in the caller's
      // store together, then the store holding the id (if any); a wait would read the order again on every change for 2.5 s
      expect((await requestStatements()) - before).toBe(5 + 4);
    }
  });

  it('gives up on an order whose stock is never reserved after PAYMENTS_ORDER_WAIT_MS, having read it only when it changed', async () => {
    const unreserved = await saga.placeOrder({ customerId, reserve: false });
    const before = await requestStatements();
    const notReserved = await pay(unreserved);
    expect(notReserved).toMatchObject({ payment: null, userErrors: [{ code: 'ORDER_NOT_PAYABLE' }] });
    expect(provider.chargesOf(unreserved)).toEqual([]);
    expect(await count(`SELECT count(*) AS n FROM payment WHERE order_id = $1`, [unreserved])).toBe(0);
    // the wait is woken by the read model's notifications, not a clock: the idempotency key, the order before and after
    // the wait, and the refusal under the order's lock are a handful of statements, where reading the order every
    // 25 ms for the whole wait took a hundred reads
    expect((await requestStatements()) - before).toBeLessThan(30);
  });

  it('wakes whoever waits on an order when its read-model row is written, once per change', async () => {
    const orderId = randomUUID();
    const watch = changes.watch(orderChangeKey(orderId));
    const other = changes.watch(orderChangeKey(randomUUID()));
    try {
      await saga.orderCreated(orderId, { customerId });
      // true: woken by the change (a timeout answers false)
      expect(await watch.next(30_000)).toBe(true);
      await saga.reserved(orderId);
      expect(await watch.next(30_000)).toBe(true);
      expect(await saga.readModel(orderId)).toMatchObject({ placed_at: expect.any(Date), reserved_until: expect.any(Date) });
      // another order's watch heard nothing of it
      expect(await other.next(0)).toBe(false);
    } finally {
      watch.close();
      other.close();
    }
  });

  it('answers as soon as the reservation lands: a waiting payment is woken by the read model, not by a poll', async () => {
    const orderId = await saga.placeOrder({ customerId, reserve: false });
    const before = await requestStatements();
    const paying = pay(orderId);
    // the wait has begun once the read model has been read for it (the idempotency key and the order, in one read)
    await eventually(async () => (await requestStatements()) - before >= 5, 10_000, 'processPayment to wait for the order');
    await saga.reserved(orderId);
    const paid = await paying;
    expect(paid.userErrors).toEqual([]);
    expect(paid.payment?.status).toBe('SUCCEEDED');
    expect(provider.chargesOf(orderId)).toHaveLength(1);
  });

  it('lets only the customer and the store’s staff pay, and anyone pay a guest order', async () => {
    const orderId = await saga.placeOrder({ customerId });
    const outsiders = [null, tokenFor([Role.CUSTOMER], storeId), tokenFor([Role.MERCHANT], randomUUID())];
    for (const outsider of outsiders) {
      const refused = await pay(orderId, { cardNumber: VISA }, outsider);
      expect(refused).toEqual({ payment: null, order: null, userErrors: [expect.objectContaining({ code: 'ORDER_NOT_FOUND' })] });
    }
    expect(await count(`SELECT count(*) AS n FROM payment WHERE order_id = $1`, [orderId])).toBe(0);
    expect(await outbox(orderId)).toEqual([]);

    const byStaff = await pay(orderId, { cardNumber: VISA }, tokenFor([Role.STORE_STAFF], storeId));
    expect(byStaff.payment?.status).toBe('SUCCEEDED');

    const guestOrder = await saga.placeOrder({ customerId: null });
    const byGuest = await pay(guestOrder, { cardNumber: VISA }, null);
    expect(byGuest.payment?.status).toBe('SUCCEEDED');
  });

  it('refuses bad input with BAD_USER_INPUT naming each field, and writes nothing', async () => {
    const orderId = await saga.placeOrder({ customerId });
    const before = { payments: await count(`SELECT count(*) AS n FROM payment`), events: await count(`SELECT count(*) AS n FROM outbox_event`) };
    const fieldsOf = async (input: Record<string, unknown>) => {
      const result = await payments.client(customer).rawRequest(PROCESS_PAYMENT, { input });
      expect(result.data).toBeNull();
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      return (result.errors![0].extensions!.fields as { field: string[]; message: string }[]).map((field) => [field.field.join('.'), field.message]);
    };

    const luhn = await fieldsOf({ orderId, paymentMethod: { cardNumber: '4242424242424241' }, idempotencyKey: 'k1' });
    expect(luhn).toEqual([['input.paymentMethod.cardNumber', expect.stringMatching(/Luhn/)]]);

    const everythingWrong = await fieldsOf({ orderId: 'not-an-id', paymentMethod: {}, idempotencyKey: '' });
    expect(everythingWrong.map(([field]) => field)).toEqual(expect.arrayContaining(['input.orderId', 'input.paymentMethod', 'input.idempotencyKey']));
    expect(everythingWrong).toContainEqual(['input.paymentMethod', 'paymentMethod needs a cardNumber, a token or a manual method']);

    const both = await fieldsOf({ orderId, paymentMethod: { cardNumber: VISA, token: 'tok_visa' }, idempotencyKey: 'k2' });
    expect(both).toEqual([['input.paymentMethod', 'paymentMethod takes one of a cardNumber, a token or a manual method, not several']]);

    const blankKey = await fieldsOf({ orderId, paymentMethod: { cardNumber: VISA }, idempotencyKey: '   ' });
    expect(blankKey).toEqual([['input.idempotencyKey', 'idempotencyKey must not be blank']]);

    const letters = await fieldsOf({ orderId, paymentMethod: { cardNumber: '4242 4242 4242 4242' }, idempotencyKey: 'k3' });
    expect(letters).toEqual([['input.paymentMethod.cardNumber', 'cardNumber must be 12 to 19 digits, without spaces']]);

    const unknownToken = await fieldsOf({ orderId, paymentMethod: { token: 'tok_stolen' }, idempotencyKey: 'k4' });
    expect(unknownToken).toEqual([['input.paymentMethod.token', expect.stringMatching(/test tokens/)]]);

    expect(await count(`SELECT count(*) AS n FROM payment`)).toBe(before.payments);
    expect(await count(`SELECT count(*) AS n FROM outbox_event`)).toBe(before.events);
    expect(provider.chargesOf(orderId)).toHaveLength(0);
  });

  it('refunds a paid order whose stock could not be committed, once even if the event comes again', async () => {
    const orderId = await saga.placeOrder({ customerId, total: 2500 });
    const paid = (await pay(orderId)).payment!;
    const commitFailed = await saga.commitFailed(orderId, 'reservation expired');

    const refunded = await eventually(
      async () => {
        const result = await payments.client(customer).rawRequest<{ payment: PaymentResult }>(PAYMENT, { id: paid.id });
        return result.data.payment.status === 'REFUNDED' ? result.data.payment : null;
      },
      10_000,
      'the refund',
    );
    expect(refunded.transactions.map((transaction) => [transaction.type, transaction.status, transaction.amount.amount])).toEqual([
      ['SALE', 'SUCCEEDED', 2500],
      ['REFUND', 'SUCCEEDED', 2500],
    ]);
    expect(refunded.transactions[1].providerReference).toMatch(/^sim_re_/);
    expect(provider.refunds.filter((refund) => refund.orderId === orderId)).toEqual([
      expect.objectContaining({ paymentId: paid.id, providerReference: paid.providerReference, amount: { amount: 2500, currencyCode: 'USD' } }),
    ]);

    await saga.publish('inventory.commit-failed', orderId, commitFailed.data, storeId, `${commitFailed.id}-again`);
    await saga.commitFailed(orderId, 'a second, different event');
    await eventually(
      async () => (await count(`SELECT count(*) AS n FROM processed_event WHERE consumer LIKE '%payments-refund-on-commit-failed'`)) >= 2,
      10_000,
      'the second commit-failed event',
    );
    expect(provider.refunds.filter((refund) => refund.orderId === orderId)).toHaveLength(1);

    const events = await outbox(orderId);
    expect(events.map((event) => event.type)).toEqual(['payments.initiated', 'payments.succeeded', 'payments.refunded']);
    expect(events[2]).toMatchObject({
      storeId,
      data: {
        paymentId: paid.id,
        orderId,
        amount: { amount: 2500, currencyCode: 'USD' },
        customerId,
        email: 'shopper@example.com',
        reason: expect.any(String),
      },
    });
    expect((await pay(orderId)).userErrors[0].code).toBe('ORDER_NOT_PAYABLE');
  });

  it('shows payments to the customer and the store’s staff only', async () => {
    const orderId = await saga.placeOrder({ customerId });
    const paid = (await pay(orderId)).payment!;
    const read = async (token?: string) =>
      (await payments.client(token, token ? {} : { 'x-store-id': storeId }).rawRequest<{ payment: PaymentResult | null }>(PAYMENT, { id: paid.id })).data
        .payment;
    expect(await read(customer)).toMatchObject({ id: paid.id, status: 'SUCCEEDED' });
    expect(await read(merchant)).toMatchObject({ id: paid.id });
    expect(await read(tokenFor([Role.PLATFORM_ADMIN], null))).toMatchObject({ id: paid.id });
    expect(await read()).toBeNull();
    expect(await read(tokenFor([Role.CUSTOMER], storeId))).toBeNull();
    expect(await read(tokenFor([Role.MERCHANT], randomUUID()))).toBeNull();

    const list = async (token?: string) => (await payments.client(token).rawRequest<OrderPaymentsResult>(ORDER_PAYMENTS, { orderId })).data.payments;
    expect((await list(merchant)).nodes).toEqual([{ id: paid.id, status: 'SUCCEEDED' }]);
    expect(await list(tokenFor([Role.CUSTOMER], storeId))).toMatchObject({ totalCount: 0, nodes: [] });
  });

  it('pages an order’s payments with cursors', async () => {
    const orderId = await saga.placeOrder({ customerId });
    for (let attempt = 0; attempt < 3; attempt += 1) await pay(orderId, { cardNumber: DECLINED_CARD });
    await pay(orderId, { cardNumber: VISA });
    const first = (await payments.client(customer).rawRequest<OrderPaymentsResult>(ORDER_PAYMENTS, { orderId, first: 3 })).data.payments;
    expect(first.nodes.map((node) => node.status)).toEqual(['FAILED', 'FAILED', 'FAILED']);
    expect(first).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    const rest = (await payments.client(customer).rawRequest<OrderPaymentsResult>(ORDER_PAYMENTS, { orderId, first: 3, after: first.pageInfo.endCursor })).data
      .payments;
    expect(rest.nodes.map((node) => node.status)).toEqual(['SUCCEEDED']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('extends Order with its payments and resolves Payment references, each batched into one statement', async () => {
    const orderIds = await Promise.all([saga.placeOrder({ customerId }), saga.placeOrder({ customerId })]);
    const paid = await Promise.all(orderIds.map((orderId) => pay(orderId)));
    const statements = async () => {
      const metric = await payments.runtime.registry.getSingleMetric('db_statements_total')!.get();
      return metric.values.find((value) => value.labels.source === 'request')?.value ?? 0;
    };
    const ENTITIES = gql`
      query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Order {
            id
            payments {
              id
              status
              transactions {
                type
              }
            }
          }
          ... on Payment {
            id
            orderId
          }
        }
      }
    `;
    const representations = [
      ...orderIds.map((id) => ({ __typename: 'Order', id })),
      { __typename: 'Order', id: randomUUID() },
      { __typename: 'Payment', id: paid[0].payment!.id },
    ];
    const before = await statements();
    const result = await payments.client(customer).rawRequest<{ _entities: Record<string, unknown>[] }>(ENTITIES, { representations });
    // payments of the orders, their transactions, the referenced payment: one read each, a transaction in the caller's
    // store of four statements (begin, set the store, the SELECT, commit)
    expect((await statements()) - before).toBe(3 * 4);
    expect(result.data._entities).toEqual([
      { id: orderIds[0], payments: [{ id: paid[0].payment!.id, status: 'SUCCEEDED', transactions: [{ type: 'SALE' }] }] },
      { id: orderIds[1], payments: [{ id: paid[1].payment!.id, status: 'SUCCEEDED', transactions: [{ type: 'SALE' }] }] },
      { id: representations[2].id, payments: [] },
      { id: paid[0].payment!.id, orderId: orderIds[0] },
    ]);
    const stranger = await payments
      .client(tokenFor([Role.CUSTOMER], storeId))
      .rawRequest<{ _entities: Record<string, unknown>[] }>(ENTITIES, { representations });
    expect(stranger.data._entities).toEqual([
      { id: orderIds[0], payments: [] },
      { id: orderIds[1], payments: [] },
      { id: representations[2].id, payments: [] },
      null,
    ]);
  });
});
