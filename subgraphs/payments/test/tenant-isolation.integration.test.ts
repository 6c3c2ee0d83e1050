import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { inScope, Role, StoreStatus } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { createPaymentsSubgraph } from '../src/payments.subgraph';
import { loadPaymentsConfig } from '../src/payments.config';
import { SimulatedProvider } from '../src/provider/simulated-provider';
import type { ChargeRequest, PaymentProvider, RefundRequest } from '../src/provider/payment-provider';
import { sagaEvents } from './support/saga-events';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { storeStatusEvents } from '../../kit/test/support/tenancy-support';
import {
  ORDER_PAYMENTS,
  PAYMENT,
  PROCESS_PAYMENT,
  type OrderPaymentsResult,
  type PaymentResult,
  type ProcessPaymentResult,
} from './support/payment-operations';

const VISA = '4242424242424242';
const TENANT_TABLES = ['order_read_model', 'payment', 'payment_transaction', 'store_status'];

/** The simulated provider, remembering which orders it was asked to charge. */
class RecordingProvider implements PaymentProvider {
  readonly name = 'simulated' as const;
  readonly charged: string[] = [];
  private readonly simulated = new SimulatedProvider({ latencyMs: 0 });
  checkMethod = this.simulated.checkMethod.bind(this.simulated);
  charge(request: ChargeRequest) {
    this.charged.push(request.orderId);
    return this.simulated.charge(request);
  }
  refund(request: RefundRequest) {
    return this.simulated.refund(request);
  }
  lookup = this.simulated.lookup.bind(this.simulated);
  authorize = this.simulated.authorize.bind(this.simulated);
  capture = this.simulated.capture.bind(this.simulated);
  void = this.simulated.void.bind(this.simulated);
  lookupAuthorization = this.simulated.lookupAuthorization.bind(this.simulated);
}

describe('payments subgraph: tenant isolation and store status', () => {
  const storeA = randomUUID();
  const storeB = randomUUID();
  const customerA = randomUUID();
  const customerB = randomUUID();
  const merchantA = tokenFor([Role.MERCHANT], storeA);
  const provider = new RecordingProvider();
  let payments: TestSubgraph;
  let owner: DataSource;
  const saga = sagaEvents(() => payments, storeA);
  const setStoreStatus = storeStatusEvents(() => payments);
  let orderA: string;
  let orderB: string;
  let paymentA: PaymentResult;
  let paymentB: PaymentResult;

  const pay = async (token: string, orderId: string) => {
    const result = await payments
      .client(token)
      .rawRequest<ProcessPaymentResult>(PROCESS_PAYMENT, { input: { orderId, paymentMethod: { cardNumber: VISA }, idempotencyKey: randomUUID() } });
    expect(result.errors).toBeUndefined();
    return result.data.processPayment;
  };
  /** Store B's rows as the owner sees them, to prove nothing there changed. */
  const storeBRows = async () => ({
    orders: await owner.query(`SELECT * FROM order_read_model WHERE store_id = $1 ORDER BY order_id`, [storeB]),
    payments: await owner.query(`SELECT * FROM payment WHERE store_id = $1 ORDER BY id`, [storeB]),
    transactions: await owner.query(`SELECT * FROM payment_transaction WHERE store_id = $1 ORDER BY id`, [storeB]),
  });

  beforeAll(async () => {
    payments = await startTestSubgraph(createPaymentsSubgraph({ ...loadPaymentsConfig({}), orderWaitMs: 300 }, provider));
    owner = await openOwnerConnection(payments.runtime.config);
    [orderA, orderB] = await Promise.all([
      saga.placeOrder({ customerId: customerA, storeId: storeA }),
      saga.placeOrder({ customerId: customerB, storeId: storeB }),
    ]);
    paymentA = (await pay(tokenFor([Role.CUSTOMER], storeA, customerA), orderA)).payment!;
    paymentB = (await pay(tokenFor([Role.CUSTOMER], storeB, customerB), orderB)).payment!;
    expect([paymentA.status, paymentB.status]).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    // a row in store_status too: the policy is checked row by row, so an empty table has nothing to refuse
    await setStoreStatus(storeA, StoreStatus.ACTIVE);
    await setStoreStatus(storeB, StoreStatus.ACTIVE);
  });
  afterAll(async () => {
    await owner.destroy();
    await payments.close();
  });

  it('forces row-level security on every tenant-owned table: no scope fails, a store scope sees and writes only its own rows', async () => {
    const app = payments.runtime.dataSource;
    const [role] = await app.query(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const flags = await owner.query(`SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = ANY($1) ORDER BY relname`, [
      TENANT_TABLES,
    ]);
    expect(flags).toEqual([...TENANT_TABLES].sort().map((relname) => ({ relname, relrowsecurity: true, relforcerowsecurity: true })));

    for (const table of TENANT_TABLES) {
      await expect(app.query(`SELECT * FROM ${table}`)).rejects.toThrow(/no store scope/);
      const seen: { store_id: string }[] = await inScope(app, storeA, (manager) => manager.query(`SELECT store_id FROM ${table}`));
      expect(seen.every((row) => row.store_id === storeA)).toBe(true);
    }
    const inA = (sql: string, parameters: unknown[]) => inScope(app, storeA, (manager) => manager.query(sql, parameters));
    expect(await inA(`SELECT order_id FROM order_read_model`, [])).toEqual([{ order_id: orderA }]);
    expect(await inA(`SELECT id FROM payment`, [])).toEqual([{ id: paymentA.id }]);

    const before = await storeBRows();
    await expect(inA(`INSERT INTO order_read_model (order_id, store_id) VALUES ($1, $2)`, [randomUUID(), storeB])).rejects.toThrow(/row-level security/);
    await expect(
      inA(
        `INSERT INTO payment (store_id, order_id, amount, currency_code, status, provider, idempotency_key, payment_method)
         VALUES ($1, $2, 1, 'USD', 'FAILED', 'simulated', 'k', 'card:4242')`,
        [storeB, orderB],
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      inA(`INSERT INTO payment_transaction (payment_id, store_id, type, status, amount, currency_code) VALUES ($1, $2, 'VOID', 'SUCCEEDED', 0, 'USD')`, [
        paymentB.id,
        storeB,
      ]),
    ).rejects.toThrow(/row-level security/);
    // an UPDATE or DELETE in A's scope simply finds none of B's rows
    expect(await inA(`UPDATE payment SET status = 'REFUNDED' WHERE id = $1 RETURNING id`, [paymentB.id])).toEqual([[], 0]);
    expect(await inA(`DELETE FROM payment_transaction WHERE payment_id = $1 RETURNING id`, [paymentB.id])).toEqual([[], 0]);
    expect(await storeBRows()).toEqual(before);
  });

  it('resolves none of store B’s entities for store A’s merchant at _entities', async () => {
    const ENTITIES = gql`
      query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Payment {
            id
          }
          ... on Order {
            id
            payments {
              id
            }
          }
        }
      }
    `;
    const representations = [
      { __typename: 'Payment', id: paymentB.id },
      { __typename: 'Order', id: orderB },
      { __typename: 'Payment', id: paymentA.id },
      { __typename: 'Order', id: orderA },
    ];
    const result = await payments.client(merchantA).rawRequest<{ _entities: unknown[] }>(ENTITIES, { representations });
    expect(result.errors).toBeUndefined();
    // payments only extends Order (orders owns it): any id is an Order here, and another store's has no payments, like an unknown one
    expect(result.data._entities).toEqual([null, { id: orderB, payments: [] }, { id: paymentA.id }, { id: orderA, payments: [{ id: paymentA.id }] }]);
  });

  it('gives store A’s merchant nothing of store B’s through any operation taking an id, and writes nothing there', async () => {
    const before = await storeBRows();
    const charges = provider.charged.length;
    const asMerchantA = payments.client(merchantA);
    expect((await asMerchantA.rawRequest<{ payment: PaymentResult | null }>(PAYMENT, { id: paymentB.id })).data.payment).toBeNull();
    expect((await asMerchantA.rawRequest<OrderPaymentsResult>(ORDER_PAYMENTS, { orderId: orderB })).data.payments).toMatchObject({
      totalCount: 0,
      nodes: [],
    });
    expect(await pay(merchantA, orderB)).toEqual({ payment: null, order: null, userErrors: [expect.objectContaining({ code: 'ORDER_NOT_FOUND' })] });
    // naming store B makes A's merchant a mere shopper there: still nothing of B's customer
    const asShopperInB = payments.client(merchantA, { 'x-store-id': storeB });
    expect((await asShopperInB.rawRequest<{ payment: PaymentResult | null }>(PAYMENT, { id: paymentB.id })).data.payment).toBeNull();
    expect((await pay(tokenFor([Role.MERCHANT], storeA, randomUUID(), { [storeA]: Role.MERCHANT }), orderB)).userErrors[0].code).toBe('ORDER_NOT_FOUND');

    expect(provider.charged.length).toBe(charges);
    expect(await storeBRows()).toEqual(before);
    // and store A's own data is there for its merchant
    expect((await asMerchantA.rawRequest<{ payment: PaymentResult | null }>(PAYMENT, { id: paymentA.id })).data.payment).toMatchObject({ id: paymentA.id });
  });

  it('refuses a caller without a store with BAD_USER_INPUT', async () => {
    const anonymous = await payments.client().rawRequest(PAYMENT, { id: paymentA.id });
    expect(anonymous.errors?.[0]).toMatchObject({ message: expect.stringMatching(/needs a store/), extensions: { code: 'BAD_USER_INPUT' } });
    const unscoped = await payments
      .client()
      .rawRequest(PROCESS_PAYMENT, { input: { orderId: orderA, paymentMethod: { cardNumber: VISA }, idempotencyKey: randomUUID() } });
    expect(unscoped.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses processPayment in a paused, suspended or closed store without calling the provider, and takes it again once active', async () => {
    const store = randomUUID();
    const customer = randomUUID();
    const shopper = tokenFor([Role.CUSTOMER], store, customer);
    const merchant = tokenFor([Role.MERCHANT], store);
    const orderId = await saga.placeOrder({ customerId: customer, storeId: store });
    const charges = provider.charged.length;

    for (const status of [StoreStatus.PAUSED, StoreStatus.SUSPENDED, StoreStatus.CLOSED]) {
      await setStoreStatus(store, status);
      for (const token of [shopper, merchant]) {
        const refused = await pay(token, orderId);
        expect(refused).toEqual({ payment: null, order: null, userErrors: [expect.objectContaining({ code: 'STORE_UNAVAILABLE' })] });
        expect(refused.userErrors[0].message).toContain(status);
      }
    }
    expect(provider.charged.length).toBe(charges);
    expect(await owner.query(`SELECT id FROM payment WHERE store_id = $1`, [store])).toEqual([]);
    expect(await owner.query(`SELECT id FROM outbox_event WHERE envelope->>'storeId' = $1`, [store])).toEqual([]);
    // staff reads keep working whatever the status
    expect((await payments.client(merchant).rawRequest<OrderPaymentsResult>(ORDER_PAYMENTS, { orderId })).data.payments.totalCount).toBe(0);

    await setStoreStatus(store, StoreStatus.ACTIVE);
    expect((await pay(shopper, orderId)).payment?.status).toBe('SUCCEEDED');
  });
});
