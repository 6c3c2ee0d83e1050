import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { inScope, Role, StoreStatus } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { ordersSubgraph } from '../src/orders.subgraph';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { storeStatusEvents } from '../../kit/test/support/tenancy-support';
import {
  CANCEL_ORDER,
  COMPLETE_ORDER,
  ENTITIES,
  ORDER,
  ORDER_ANALYTICS,
  ORDERS,
  checkoutSnapshot,
  shopperFields,
  upstreamEvents,
  type OrderPayloadResult,
  type OrderResult,
} from './support/order-operations';

const SET_ORDER_TAGS = `mutation ($input: SetOrderTagsInput!) { setOrderTags(input: $input) { userErrors { code } } }`;

const TENANT_TABLES = [
  'customer_order',
  'order_line_item',
  'order_status_change',
  'store_order_counter',
  'store_status',
  'checkout_refusal',
  'order_fulfilment',
  'order_tag',
  'order_audit_entry',
];

describe('orders subgraph: tenant isolation and store status', () => {
  const storeA = randomUUID();
  const storeB = randomUUID();
  const customerA = randomUUID();
  const customerB = randomUUID();
  const shopperA = tokenFor([Role.CUSTOMER], storeA, customerA);
  const merchantA = tokenFor([Role.MERCHANT], storeA);
  const merchantB = tokenFor([Role.MERCHANT], storeB);
  let orders: TestSubgraph;
  let owner: DataSource;
  const events = upstreamEvents(() => orders);
  const setStoreStatus = storeStatusEvents(() => orders);
  let productA: string;
  let productB: string;
  let orderA: OrderResult;
  let orderB: OrderResult;
  const idempotencyKeyB = randomUUID();

  const request = async <T>(token: string | undefined, document: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const result = await orders.client(token, headers).rawRequest<T>(document, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const mutate = async (token: string, document: string, input: Record<string, unknown>) =>
    Object.values(await request<Record<string, OrderPayloadResult>>(token, document, { input }))[0];
  /** Two units of `productId` checked out in `storeId` by `customerId` (null: a guest), as cart.checkout-completed. */
  const place = (storeId: string, customerId: string | null, productId: string, unitPrice: number, extra: Record<string, unknown> = {}) =>
    events.checkout(storeId, checkoutSnapshot([{ productId, quantity: 2, unitPrice }], { ...shopperFields(customerId ? { customerId } : {}), ...extra }));
  /** Every row of store B, as the owner sees it: what no call of store A's may change. */
  const storeBRows = async () => {
    const rows: Record<string, unknown[]> = {};
    for (const table of TENANT_TABLES) rows[table] = await owner.query(`SELECT * FROM ${table} WHERE store_id = $1 ORDER BY 1`, [storeB]);
    return rows;
  };

  beforeAll(async () => {
    orders = await startTestSubgraph(ordersSubgraph);
    owner = await openOwnerConnection(orders.runtime.config);
    // the read model of catalog's products too: it is tenant-owned like the rest
    [productA, productB] = await Promise.all([events.product(storeA, 1500), events.product(storeB, 4000)]);
    // store_status rows too: the policy is checked row by row, so an empty table would have nothing to refuse
    await setStoreStatus(storeA, StoreStatus.ACTIVE);
    await setStoreStatus(storeB, StoreStatus.ACTIVE);
    orderA = (await place(storeA, customerA, productA, 1500)).order!;
    orderB = (await place(storeB, customerB, productB, 4000, { idempotencyKey: idempotencyKeyB })).order!;
    expect([orderA.storeId, orderB.storeId]).toEqual([storeA, storeB]);
    // order_fulfilment rows too: a shipment of an unpaid order is recorded as refused and moves nothing
    await Promise.all([events.ship(storeA, orderA.id), events.ship(storeB, orderB.id)]);
    // and a refused checkout in store A: its key is orderA's
    const refusedKey = (await owner.query(`SELECT idempotency_key FROM customer_order WHERE id = $1`, [orderA.id]))[0].idempotency_key;
    expect((await place(storeA, customerA, productA, 1500, { idempotencyKey: refusedKey })).userErrors).toEqual([
      expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED' }),
    ]);
    // tags (and so audit entries) in both stores: order_tag and order_audit_entry are tenant-owned too
    for (const [token, orderId] of [
      [merchantA, orderA.id],
      [merchantB, orderB.id],
    ]) {
      expect(await mutate(token, SET_ORDER_TAGS, { orderId, tags: ['vip'] })).toMatchObject({ userErrors: [] });
    }
  });
  afterAll(async () => {
    await owner.destroy();
    await orders.close();
  });

  it('places an order in the shopper’s store with its lines and history, and lists it for the store’s staff', async () => {
    expect(orderA).toMatchObject({
      storeId: storeA,
      status: 'CREATED',
      customerId: customerA,
      total: { amount: 3000, currencyCode: 'USD' },
      lineItems: [{ productId: productA, variantId: productA, quantity: 2 }],
      statusHistory: [{ status: 'CREATED' }],
    });
    const lines = await owner.query(`SELECT store_id FROM order_line_item WHERE order_id = $1`, [orderA.id]);
    expect(lines).toEqual([{ store_id: storeA }]);
    expect((await request<{ orders: { nodes: { id: string }[] } }>(merchantA, ORDERS, {})).orders.nodes).toEqual([{ id: orderA.id, storeId: storeA }]);
    expect((await request<{ orders: { nodes: { id: string }[] } }>(shopperA, ORDERS, {})).orders.nodes).toEqual([{ id: orderA.id, storeId: storeA }]);
    const admin = await request<{ orders: { totalCount: number } }>(tokenFor([Role.PLATFORM_ADMIN], null), ORDERS, {});
    expect(admin.orders.totalCount).toBe(2);
  });

  it('forces row-level security on every tenant-owned table: no scope fails, a store scope sees and writes only its own rows', async () => {
    const app = orders.runtime.dataSource;
    const flags = await owner.query(`SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = ANY($1) ORDER BY relname`, [
      TENANT_TABLES,
    ]);
    expect(flags).toEqual([...TENANT_TABLES].sort().map((relname) => ({ relname, relrowsecurity: true, relforcerowsecurity: true })));
    const inA = (sql: string, parameters: unknown[] = []) => inScope(app, storeA, (manager) => manager.query(sql, parameters));
    for (const table of TENANT_TABLES) {
      await expect(app.query(`SELECT * FROM ${table}`)).rejects.toThrow(/no store scope/);
      const seen: { store_id: string }[] = await inA(`SELECT store_id FROM ${table}`);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((row) => row.store_id === storeA)).toBe(true);
    }

    const before = await storeBRows();
    const refusedInA = [
      [`INSERT INTO store_order_counter (store_id, last_number) VALUES ($1, 5000)`, [randomUUID()]],
      [
        `INSERT INTO customer_order (store_id, number, email, currency_code, subtotal_amount, shipping_amount, tax_amount, discount_amount, total_amount,
           shipping_address, status, payment_status, reservation_status, idempotency_key)
         VALUES ($1, 9999, 'x@example.com', 'USD', 0, 0, 0, 0, 0, '{}', 'CREATED', 'UNPAID', 'PENDING', 'sneaky')`,
        [storeB],
      ],
      [
        `INSERT INTO order_line_item (order_id, store_id, product_id, variant_id, title, variant_title, quantity, unit_price_amount, currency_code, position)
         VALUES ($1, $2, $3, $3, 'x', 'Default', 1, 1, 'USD', 9)`,
        [orderB.id, storeB, productB],
      ],
      [`INSERT INTO order_status_change (order_id, store_id, status) VALUES ($1, $2, 'CANCELLED')`, [orderB.id, storeB]],
      [`INSERT INTO checkout_refusal (order_id, store_id, cart_id, code, message) VALUES ($1, $2, $1, 'X', 'x')`, [randomUUID(), storeB]],
    ] as const;
    for (const [sql, parameters] of refusedInA) await expect(inA(sql, [...parameters])).rejects.toThrow(/row-level security/);
    expect(await inA(`UPDATE customer_order SET status = 'CANCELLED' WHERE id = $1 RETURNING id`, [orderB.id])).toEqual([[], 0]);
    expect(await inA(`DELETE FROM order_line_item WHERE order_id = $1 RETURNING id`, [orderB.id])).toEqual([[], 0]);
    expect(await inA(`UPDATE order_line_item SET unit_price_amount = 1 WHERE order_id = $1 RETURNING id`, [orderB.id])).toEqual([[], 0]);
    expect(await storeBRows()).toEqual(before);
  });

  it('resolves none of store B’s orders for store A’s merchant at _entities', async () => {
    const representations = [
      { __typename: 'Order', id: orderB.id },
      { __typename: 'Order', id: orderA.id },
    ];
    const { _entities } = await request<{ _entities: (OrderResult | null)[] }>(merchantA, ENTITIES, { representations });
    expect(_entities).toEqual([null, expect.objectContaining({ id: orderA.id, lineItems: [{ productId: productA, variantId: productA, quantity: 2 }] })]);
    // a shopper of store A naming store B (the storefront's X-Store-Id) is not B's customer either
    const switched = await request<{ _entities: (OrderResult | null)[] }>(shopperA, ENTITIES, { representations }, { 'x-store-id': storeB });
    expect(switched._entities).toEqual([null, null]);
  });

  it('gives store A’s merchant nothing of store B’s through any operation taking an id, and writes nothing there', async () => {
    const before = await storeBRows();
    const outboxBefore = Number((await owner.query(`SELECT count(*) AS n FROM outbox_event`))[0].n);

    expect((await request<{ order: OrderResult | null }>(merchantA, ORDER, { id: orderB.id })).order).toBeNull();
    for (const [document, input] of [
      [CANCEL_ORDER, { orderId: orderB.id, reason: 'not yours' }],
      [COMPLETE_ORDER, { orderId: orderB.id }],
    ] as const) {
      expect(await mutate(merchantA, document, input)).toEqual({ order: null, userErrors: [expect.objectContaining({ code: 'NOT_FOUND' })] });
    }
    // store B's idempotency key is no business of store A's
    const sameKey = await place(storeA, customerA, productA, 1500, { idempotencyKey: idempotencyKeyB });
    expect(sameKey.userErrors).toEqual([]);
    expect(sameKey.order).toMatchObject({ storeId: storeA });
    expect(sameKey.order!.id).not.toBe(orderB.id);
    const search = await request<{ orders: { nodes: { id: string }[] } }>(merchantA, ORDERS, { filter: { search: orderB.orderNumber } });
    expect(search.orders.nodes.map((node) => node.id)).not.toContain(orderB.id);
    const analytics = await request<{ orderAnalytics: { ordersCount: number } }>(merchantA, ORDER_ANALYTICS, {
      input: { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(analytics.orderAnalytics.ordersCount).toBe(2);

    expect(await storeBRows()).toEqual(before);
    // the only events written are those of store A's new order
    const written: { store_id: string }[] = await owner.query(`SELECT envelope->>'storeId' AS store_id FROM outbox_event ORDER BY seq OFFSET $1`, [
      outboxBefore,
    ]);
    expect(written).toEqual([{ store_id: storeA }]);
    expect((await request<{ order: OrderResult | null }>(merchantB, ORDER, { id: orderB.id })).order).toMatchObject({ id: orderB.id, status: 'CREATED' });
  });

  it('applies an event only to an order of the event’s store: one naming another store’s order is dead-lettered', async () => {
    const { jsm, names } = orders.runtime;
    await events.publish('payments.succeeded', storeA, orderB.id, { orderId: orderB.id, paymentId: randomUUID() });
    await eventually(
      async () => {
        const message = await jsm.streams.getMessage(names.stream('deadletter'), {
          last_by_subj: names.deadLetterSubject(names.durable('orders-payment-succeeded')),
        });
        return JSON.parse(message.string()).data.orderId === orderB.id;
      },
      10_000,
      'the dead-lettered event',
    );
    const [row] = await owner.query(`SELECT status, payment_status FROM customer_order WHERE id = $1`, [orderB.id]);
    expect(row).toEqual({ status: 'CREATED', payment_status: 'UNPAID' });
  });

  it('refuses a caller without a store with BAD_USER_INPUT', async () => {
    const anonymous = await orders.client().rawRequest(ORDER, { id: orderA.id });
    expect(anonymous.errors?.[0]).toMatchObject({ message: expect.stringMatching(/needs a store/), extensions: { code: 'BAD_USER_INPUT' } });
    // a guest naming the store reads its guest order there
    const guestOrder = (await place(storeA, null, productA, 1500)).order!;
    expect(guestOrder).toMatchObject({ storeId: storeA, customerId: null });
    expect((await request<{ order: OrderResult | null }>(undefined, ORDER, { id: guestOrder.id }, { 'x-store-id': storeA })).order).toMatchObject({
      id: guestOrder.id,
    });
  });

  it('dead-letters a checkout whose order id is another store’s order, writing nothing in either store', async () => {
    const { jsm, names } = orders.runtime;
    const before = await storeBRows();
    const countA = async () => Number((await owner.query(`SELECT count(*) AS n FROM customer_order WHERE store_id = $1`, [storeA]))[0].n);
    const ordersInA = await countA();
    const event = await events.publishCheckout(storeA, checkoutSnapshot([{ productId: productA }], { orderId: orderB.id }));
    await eventually(
      async () => {
        const message = await jsm.streams.getMessage(names.stream('deadletter'), {
          last_by_subj: names.deadLetterSubject(names.durable('orders-create-from-checkout')),
        });
        return JSON.parse(message.string()).id === event.id;
      },
      10_000,
      'the dead-lettered checkout',
    );
    expect(await storeBRows()).toEqual(before);
    expect(await countA()).toBe(ordersInA);
  });

  it('refuses a checkout unless the store is ACTIVE, writing no order, while its staff keep working on existing orders', async () => {
    const store = randomUUID();
    const shopper = randomUUID();
    const merchant = tokenFor([Role.MERCHANT], store);
    const product = randomUUID();
    const toShip = (await place(store, shopper, product, 2500)).order!;
    const toCancel = (await place(store, shopper, product, 2500)).order!;
    await events.confirm(store, toShip.id);
    await eventually(async () => (await request<{ order: OrderResult }>(merchant, ORDER, { id: toShip.id })).order.status === 'CONFIRMED', 10_000, 'CONFIRMED');

    await setStoreStatus(store, StoreStatus.PAUSED);
    const countRows = async () => Number((await owner.query(`SELECT count(*) AS n FROM customer_order WHERE store_id = $1`, [store]))[0].n);
    const countEvents = async (type: string) =>
      Number((await owner.query(`SELECT count(*) AS n FROM outbox_event WHERE envelope->>'storeId' = $1 AND envelope->>'type' = $2`, [store, type]))[0].n);
    const [ordersBefore, createdBefore] = [await countRows(), await countEvents('orders.created')];
    const paused = await place(store, shopper, product, 2500);
    expect(paused).toEqual({ order: null, userErrors: [expect.objectContaining({ code: 'STORE_UNAVAILABLE', message: expect.stringContaining('PAUSED') })] });
    expect(await countRows()).toBe(ordersBefore);
    expect(await countEvents('orders.created')).toBe(createdBefore);
    expect(await countEvents('orders.checkout-refused')).toBe(1);

    // a paused store's admin works as usual
    await events.ship(store, toShip.id);
    expect((await request<{ order: OrderResult }>(merchant, ORDER, { id: toShip.id })).order.status).toBe('FULFILLED');
    expect((await mutate(merchant, COMPLETE_ORDER, { orderId: toShip.id })).order?.status).toBe('COMPLETED');
    expect((await mutate(merchant, CANCEL_ORDER, { orderId: toCancel.id, reason: 'store paused' })).order?.status).toBe('CANCELLED');
    expect((await request<{ orders: { totalCount: number } }>(merchant, ORDERS, {})).orders.totalCount).toBe(2);

    for (const status of [StoreStatus.SUSPENDED, StoreStatus.CLOSED]) {
      await setStoreStatus(store, status);
      expect((await place(store, shopper, product, 2500)).userErrors).toEqual([
        expect.objectContaining({ code: 'STORE_UNAVAILABLE', message: expect.stringContaining(status) }),
      ]);
    }
    expect(await countRows()).toBe(ordersBefore);

    await setStoreStatus(store, StoreStatus.ACTIVE);
    expect((await place(store, shopper, product, 2500)).order).toMatchObject({ storeId: store, status: 'CREATED' });
  });
});
