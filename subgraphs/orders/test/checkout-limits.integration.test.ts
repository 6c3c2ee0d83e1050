import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ensureStream, envelopeFor, inScope, Role, StoreStatus } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { openOwnerConnection, storeStatusEvents } from '../../kit/test/support/tenancy-support';
import { ordersSubgraph } from '../src/orders.subgraph';
import {
  CANCEL_ORDER,
  COMPLETE_ORDER,
  PLACE_ORDER,
  shippingAddress,
  upstreamEvents,
  type OrderPayloadResult,
  type OrderResult,
} from './support/order-operations';

/** What the stores subgraph says of a store's checkout settings (stores.created / stores.updated carry `settings`). */
const checkoutSettings = (guestCheckoutEnabled: boolean, requirePhoneAtCheckout: boolean) => ({ guestCheckoutEnabled, requirePhoneAtCheckout });

describe('orders: checkout limits, store settings and read-only stores', () => {
  let orders: TestSubgraph;
  let owner: DataSource;
  const events = upstreamEvents(() => orders);
  const setStoreStatus = storeStatusEvents(() => orders);
  const storeVersions = new Map<string, number>();

  const countOrders = async (storeId: string) => Number((await owner.query(`SELECT count(*) AS n FROM customer_order WHERE store_id = $1`, [storeId]))[0].n);
  const countEvents = async (storeId: string) =>
    Number((await owner.query(`SELECT count(*) AS n FROM outbox_event WHERE envelope->>'storeId' = $1`, [storeId]))[0].n);
  const written = async (storeId: string) => ({
    orders: await countOrders(storeId),
    events: await countEvents(storeId),
    history: await owner.query(`SELECT order_id, status FROM order_status_change WHERE store_id = $1 ORDER BY order_id, id`, [storeId]),
  });

  /** placeOrder's raw answer, as a guest (no token) from `address` or as the token's holder. */
  const placeRaw = (storeId: string, who: { token?: string; address?: string }, input: Record<string, unknown>) =>
    orders
      .client(who.token, { 'x-store-id': storeId, ...(who.address ? { 'x-forwarded-for': `198.51.100.99, ${who.address}` } : {}) })
      .rawRequest<{ placeOrder: OrderPayloadResult }>(PLACE_ORDER, { input });
  const place = async (storeId: string, productId: string, who: { token?: string; address?: string }, extra: Record<string, unknown> = {}) => {
    const result = await placeRaw(storeId, who, {
      items: [{ productId, quantity: 1 }],
      email: 'shopper@example.com',
      shippingAddress,
      idempotencyKey: randomUUID(),
      ...extra,
    });
    expect(result.errors).toBeUndefined();
    return result.data.placeOrder;
  };
  const mutate = async (token: string, document: string, input: Record<string, unknown>) => {
    const result = await orders.client(token).rawRequest<Record<string, OrderPayloadResult>>(document, { input });
    expect(result.errors).toBeUndefined();
    return Object.values(result.data)[0];
  };
  /** stores.updated with the store's settings, as the stores subgraph publishes it; returns once orders applied it. */
  const updateSettings = async (storeId: string, settings: ReturnType<typeof checkoutSettings>) => {
    const version = (storeVersions.get(storeId) ?? 10) + 1;
    storeVersions.set(storeId, version);
    const { js, jsm, names } = orders.runtime;
    await ensureStream(jsm, names, 'stores');
    const event = envelopeFor(
      { type: 'stores.updated', storeId, aggregateId: storeId, aggregateVersion: version, data: { storeId, name: 'Shop', changed: ['settings'], settings } },
      { correlationId: randomUUID(), causationId: null },
    );
    await js.publish(names.subject(event.type), JSON.stringify(event), { msgID: event.id });
    await eventually(
      async () =>
        (await inScope(orders.runtime.dataSource, storeId, (manager) => manager.query(`SELECT 1 FROM processed_event WHERE event_id = $1`, [event.id])))
          .length > 0,
      10_000,
      'the settings applied',
    );
  };

  beforeAll(async () => {
    orders = await startTestSubgraph(ordersSubgraph);
    owner = await openOwnerConnection(orders.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await orders?.close();
  });

  it('refuses more than ORDERS_MAX_LINE_QUANTITY (100) units of a line or of a product, with BAD_USER_INPUT or QUANTITY_TOO_LARGE, writing nothing', async () => {
    const storeId = randomUUID();
    const product = await events.product(storeId);
    const tooMany = await placeRaw(
      storeId,
      { address: '203.0.113.1' },
      { items: [{ productId: product, quantity: 101 }], email: 'a@example.com', shippingAddress, idempotencyKey: randomUUID() },
    );
    expect(tooMany.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [expect.objectContaining({ field: ['input', 'items', '0', 'quantity'] })],
    });
    const split = await place(
      storeId,
      product,
      { address: '203.0.113.1' },
      {
        items: [
          { productId: product, quantity: 60 },
          { productId: product, quantity: 41 },
        ],
      },
    );
    expect(split).toEqual({ order: null, userErrors: [expect.objectContaining({ code: 'QUANTITY_TOO_LARGE' })] });
    expect(await countOrders(storeId)).toBe(0);
    expect((await place(storeId, product, { address: '203.0.113.1' }, { items: [{ productId: product, quantity: 100 }] })).userErrors).toEqual([]);
  });

  it('caps open unpaid guest orders per client address (10), signed-in shoppers per user (20), and not staff; a closed order frees its place', async () => {
    const storeId = randomUUID();
    const product = await events.product(storeId);
    const guest = { address: '203.0.113.7' };
    const placed: OrderResult[] = [];
    for (let index = 0; index < 10; index++) placed.push((await place(storeId, product, guest)).order!);
    expect(placed.every((order) => order.customerId === null)).toBe(true);

    const before = await written(storeId);
    const refused = await place(storeId, product, guest);
    expect(refused).toEqual({ order: null, userErrors: [expect.objectContaining({ code: 'RATE_LIMITED', message: expect.stringMatching(/unpaid orders/) })] });
    expect(await written(storeId)).toEqual(before);
    // only the last X-Forwarded-For hop counts: the gateway appends it, earlier ones come from the client
    expect((await place(storeId, product, { address: '203.0.113.8' })).order).toMatchObject({ customerId: null });
    // another store is another count
    const otherStore = randomUUID();
    expect((await place(otherStore, await events.product(otherStore), guest)).userErrors).toEqual([]);

    // an order that is no longer open (cancelled by its guest) frees a place
    expect((await mutate(tokenFor([Role.MERCHANT], storeId), CANCEL_ORDER, { orderId: placed[0].id, reasonCode: 'OTHER' })).order?.status).toBe('CANCELLED');
    expect((await place(storeId, product, guest)).userErrors).toEqual([]);

    // a signed-in shopper: per user, whatever the address
    const customer = tokenFor([Role.CUSTOMER], storeId, randomUUID());
    for (let index = 0; index < 20; index++)
      expect((await place(storeId, product, { token: customer, address: `203.0.113.${100 + index}` })).userErrors).toEqual([]);
    expect((await place(storeId, product, { token: customer, address: '203.0.113.200' })).userErrors).toEqual([
      expect.objectContaining({ code: 'RATE_LIMITED' }),
    ]);
    // staff placing orders for customers are not capped
    const merchant = tokenFor([Role.MERCHANT], storeId);
    for (let index = 0; index < 22; index++) expect((await place(storeId, product, { token: merchant, address: '203.0.113.7' })).userErrors).toEqual([]);
  });

  it('refuses an anonymous checkout when the store disables guest checkout, and one without a phone when it requires one, writing nothing', async () => {
    const storeId = randomUUID();
    const product = await events.product(storeId);
    const shopper = tokenFor([Role.CUSTOMER], storeId, randomUUID());
    await updateSettings(storeId, checkoutSettings(false, false));
    const before = await written(storeId);
    expect(await place(storeId, product, { address: '203.0.113.20' })).toEqual({
      order: null,
      userErrors: [expect.objectContaining({ code: 'GUEST_CHECKOUT_DISABLED', message: expect.stringMatching(/sign in/i) })],
    });
    expect(await written(storeId)).toEqual(before);
    expect((await place(storeId, product, { token: shopper })).order).toMatchObject({ status: 'CREATED' });

    await updateSettings(storeId, checkoutSettings(true, true));
    const withoutPhone = await written(storeId);
    expect(await place(storeId, product, { address: '203.0.113.20' })).toEqual({
      order: null,
      userErrors: [expect.objectContaining({ code: 'PHONE_REQUIRED', field: ['input', 'shippingAddress', 'phone'] })],
    });
    expect(await written(storeId)).toEqual(withoutPhone);
    const withPhone = await place(storeId, product, { address: '203.0.113.20' }, { shippingAddress: { ...shippingAddress, phone: '+1 555 0100' } });
    expect(withPhone.order).toMatchObject({ customerId: null, status: 'CREATED' });

    // back to the defaults
    await updateSettings(storeId, checkoutSettings(true, false));
    expect((await place(storeId, product, { address: '203.0.113.21' })).userErrors).toEqual([]);
  });

  it('takes a cancellation reason code, publishes it with the shopper’s note apart, and defaults to OTHER', async () => {
    const storeId = randomUUID();
    const product = await events.product(storeId);
    const order = (await place(storeId, product, { address: '203.0.113.30' })).order!;
    const guestCancel = await orders.client(undefined, { 'x-store-id': storeId }).rawRequest<{ cancelOrder: OrderPayloadResult }>(CANCEL_ORDER, {
      input: { orderId: order.id, reasonCode: 'FOUND_BETTER_PRICE', reason: 'Buy cheap pills at spam.example' },
    });
    expect(guestCancel.errors).toBeUndefined();
    expect(guestCancel.data.cancelOrder.order?.status).toBe('CANCELLED');
    const [changed] = await owner.query(
      `SELECT envelope->'data' AS data FROM outbox_event WHERE envelope->>'type' = 'orders.status-changed' AND envelope->>'aggregateId' = $1`,
      [order.id],
    );
    expect(changed.data).toMatchObject({ to: 'CANCELLED', reasonCode: 'FOUND_BETTER_PRICE', reason: 'Buy cheap pills at spam.example' });

    const second = (await place(storeId, product, { address: '203.0.113.30' })).order!;
    expect((await mutate(tokenFor([Role.MERCHANT], storeId), CANCEL_ORDER, { orderId: second.id })).order?.status).toBe('CANCELLED');
    const [defaulted] = await owner.query(
      `SELECT envelope->'data' AS data FROM outbox_event WHERE envelope->>'type' = 'orders.status-changed' AND envelope->>'aggregateId' = $1`,
      [second.id],
    );
    expect(defaulted.data).toMatchObject({ to: 'CANCELLED', reasonCode: 'OTHER', reason: null });
  });

  it('makes the staff of a SUSPENDED or CLOSED store read-only (STORE_UNAVAILABLE, nothing written); a platform admin still acts', async () => {
    const storeId = randomUUID();
    const product = await events.product(storeId);
    const shopper = tokenFor([Role.CUSTOMER], storeId, randomUUID());
    const merchant = tokenFor([Role.MERCHANT], storeId);
    const toShip = (await place(storeId, product, { token: shopper })).order!;
    const toCancel = (await place(storeId, product, { token: shopper })).order!;
    await events.confirm(storeId, toShip.id);
    await eventually(
      async () => (await owner.query(`SELECT status FROM customer_order WHERE id = $1`, [toShip.id]))[0].status === 'CONFIRMED',
      10_000,
      'CONFIRMED',
    );

    for (const status of [StoreStatus.SUSPENDED, StoreStatus.CLOSED]) {
      await setStoreStatus(storeId, status);
      const before = await written(storeId);
      for (const [document, input] of [
        [COMPLETE_ORDER, { orderId: toShip.id }],
        [CANCEL_ORDER, { orderId: toCancel.id, reasonCode: 'OTHER' }],
      ] as const) {
        expect(await mutate(merchant, document, input)).toEqual({
          order: null,
          userErrors: [expect.objectContaining({ code: 'STORE_UNAVAILABLE', message: expect.stringContaining(status) })],
        });
      }
      expect(await written(storeId)).toEqual(before);
    }
    // the platform steps in for a closed store's shoppers
    const admin = tokenFor([Role.PLATFORM_ADMIN], storeId);
    expect((await mutate(admin, CANCEL_ORDER, { orderId: toCancel.id, reasonCode: 'OTHER' })).order?.status).toBe('CANCELLED');

    await setStoreStatus(storeId, StoreStatus.PAUSED);
    // dispatching is shipping's (createShipment): orders only hears of the shipment
    await events.ship(storeId, toShip.id);
    expect((await owner.query(`SELECT status FROM customer_order WHERE id = $1`, [toShip.id]))[0].status).toBe('DISPATCHED');
  });
});
