import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ensureStream, envelopeFor, inScope, Role, StoreStatus } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { openOwnerConnection, storeStatusEvents } from '../../kit/test/support/tenancy-support';
import { ordersSubgraph } from '../src/orders.subgraph';
import {
  CANCEL_ORDER,
  checkoutSnapshot,
  COMPLETE_ORDER,
  shippingAddress,
  shopperFields,
  upstreamEvents,
  type OrderPayloadResult,
  type OrderResult,
  type Shopper,
} from './support/order-operations';

/** What the stores subgraph says of a store's checkout settings (stores.created / stores.updated carry `settings`). */
const checkoutSettings = (guestCheckoutEnabled: boolean, requirePhoneAtCheckout: boolean) => ({ guestCheckoutEnabled, requirePhoneAtCheckout });

describe('orders: checkout limits, store settings and read-only stores (checkouts arrive as cart.checkout-completed)', () => {
  let orders: TestSubgraph;
  let owner: DataSource;
  const events = upstreamEvents(() => orders);
  const setStoreStatus = storeStatusEvents(() => orders);
  const storeVersions = new Map<string, number>();

  const countOrders = async (storeId: string) => Number((await owner.query(`SELECT count(*) AS n FROM customer_order WHERE store_id = $1`, [storeId]))[0].n);
  /** Events of the store but refusals (a refused checkout writes no order, and tells cart so). */
  const countEvents = async (storeId: string) =>
    Number(
      (
        await owner.query(`SELECT count(*) AS n FROM outbox_event WHERE envelope->>'storeId' = $1 AND envelope->>'type' <> 'orders.checkout-refused'`, [
          storeId,
        ])
      )[0].n,
    );
  const written = async (storeId: string) => ({
    orders: await countOrders(storeId),
    events: await countEvents(storeId),
    history: await owner.query(`SELECT order_id, status FROM order_status_change WHERE store_id = $1 ORDER BY order_id, id`, [storeId]),
  });

  /** One unit of a product checked out by `who` (cart.checkout-completed), once orders recorded or refused it. */
  const place = (storeId: string, productId: string, who: Shopper, extra: Record<string, unknown> = {}) => events.place(storeId, productId, who, extra);
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

  it('caps open unpaid guest orders per client address (10), signed-in shoppers per user (20), and not staff; a closed order frees its place', async () => {
    const storeId = randomUUID();
    const product = randomUUID();
    const guest = { address: '203.0.113.7' };
    const placed: OrderResult[] = [];
    for (let index = 0; index < 10; index++) placed.push((await place(storeId, product, guest)).order!);
    expect(placed.every((order) => order.customerId === null)).toBe(true);

    const before = await written(storeId);
    const refused = await place(storeId, product, guest);
    expect(refused).toEqual({ order: null, userErrors: [expect.objectContaining({ code: 'RATE_LIMITED', message: expect.stringMatching(/unpaid orders/) })] });
    expect(await written(storeId)).toEqual(before);
    expect((await place(storeId, product, { address: '203.0.113.8' })).order).toMatchObject({ customerId: null });
    // another store is another count
    expect((await place(randomUUID(), product, guest)).userErrors).toEqual([]);

    // an order that is no longer open (cancelled by the store) frees a place
    expect((await mutate(tokenFor([Role.MERCHANT], storeId), CANCEL_ORDER, { orderId: placed[0].id, reasonCode: 'OTHER' })).order?.status).toBe('CANCELLED');
    expect((await place(storeId, product, guest)).userErrors).toEqual([]);

    // a signed-in shopper: per user, whatever the address
    const customerId = randomUUID();
    for (let index = 0; index < 20; index++) expect((await place(storeId, product, { customerId })).userErrors).toEqual([]);
    expect((await place(storeId, product, { customerId })).userErrors).toEqual([expect.objectContaining({ code: 'RATE_LIMITED' })]);
    // staff placing orders for customers are not capped
    for (let index = 0; index < 22; index++) expect((await place(storeId, product, { ...guest, staff: true })).userErrors).toEqual([]);
  });

  it('holds the caps under concurrency: 14 checkouts of one guest and 24 of one customer at once make exactly 10 and 20 orders', async () => {
    const storeId = randomUUID();
    const product = randomUUID();
    const customerId = randomUUID();
    const snapshots = [
      ...Array.from({ length: 14 }, () => checkoutSnapshot([{ productId: product }], shopperFields({ address: '203.0.113.77' }))),
      ...Array.from({ length: 24 }, () => checkoutSnapshot([{ productId: product }], shopperFields({ customerId }))),
    ];
    const published = await Promise.all(snapshots.map((snapshot) => events.publishCheckout(storeId, snapshot)));
    await Promise.all(published.map((event) => events.handled(storeId, event.id, 'the checkout recorded')));
    const outcomes = await Promise.all(snapshots.map((snapshot) => events.outcome(storeId, snapshot.orderId)));
    const guestOutcomes = outcomes.slice(0, 14);
    const customerOutcomes = outcomes.slice(14);
    expect(guestOutcomes.filter((outcome) => outcome.order).length).toBe(10);
    expect(guestOutcomes.filter((outcome) => outcome.userErrors[0]?.code === 'RATE_LIMITED').length).toBe(4);
    expect(customerOutcomes.filter((outcome) => outcome.order).length).toBe(20);
    expect(customerOutcomes.filter((outcome) => outcome.userErrors[0]?.code === 'RATE_LIMITED').length).toBe(4);
    expect(await countOrders(storeId)).toBe(30);
    expect((await owner.query(`SELECT count(*)::int AS n FROM checkout_refusal WHERE store_id = $1`, [storeId]))[0].n).toBe(8);
  });

  it('refuses an anonymous checkout when the store disables guest checkout, and one without a phone when it requires one, writing no order', async () => {
    const storeId = randomUUID();
    const product = randomUUID();
    await updateSettings(storeId, checkoutSettings(false, false));
    const before = await written(storeId);
    expect(await place(storeId, product, { address: '203.0.113.20' })).toEqual({
      order: null,
      userErrors: [expect.objectContaining({ code: 'GUEST_CHECKOUT_DISABLED', message: expect.stringMatching(/sign in/i) })],
    });
    expect(await written(storeId)).toEqual(before);
    expect((await place(storeId, product, { customerId: randomUUID() })).order).toMatchObject({ status: 'CREATED' });

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
    const product = randomUUID();
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
    const product = randomUUID();
    const customerId = randomUUID();
    const merchant = tokenFor([Role.MERCHANT], storeId);
    const toShip = (await place(storeId, product, { customerId })).order!;
    const toCancel = (await place(storeId, product, { customerId })).order!;
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
    expect((await owner.query(`SELECT status FROM customer_order WHERE id = $1`, [toShip.id]))[0].status).toBe('FULFILLED');
  });
});
