import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Role, StoreStatus } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { openOwnerConnection, storeStatusEvents } from '../../kit/test/support/tenancy-support';
import { shippingSubgraph } from '../src/shipping.subgraph';
import { CREATE_METHOD, CREATE_ZONE, type UserErrorResult } from './support/shipping-operations';
import { CREATE_SHIPMENT, DISPATCH_ORDER, ORDER_SHIPMENTS, SHIPMENT, UPDATE_TRACKING, orderEvents, type ShipmentResult } from './support/shipment-operations';

type Payload = { shipment: ShipmentResult | null; userErrors: UserErrorResult[]; order?: { id: string } | null };
type Envelope = { type: string; aggregateId: string; aggregateVersion: number; data: Record<string, unknown> };

describe('shipping subgraph: shipments of paid orders and their tracking', () => {
  let shipping: TestSubgraph;
  let owner: DataSource;
  const events = orderEvents(() => shipping);
  const setStoreStatus = storeStatusEvents(() => shipping);
  const storeId = randomUUID();
  const merchantUserId = randomUUID();
  const merchant = tokenFor([Role.MERCHANT], storeId, merchantUserId);
  const [kettle, mug] = [randomUUID(), randomUUID()];

  const request = async <T>(token: string, query: string, variables: Record<string, unknown>, store = storeId) => {
    const result = await shipping.client(token, { 'x-store-id': store }).rawRequest<T>(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const mutate = async (name: string, query: string, input: Record<string, unknown>, token = merchant): Promise<Payload> =>
    (await request<Record<string, Payload>>(token, query, { input }))[name];
  const ship = (input: Record<string, unknown>, token = merchant) => mutate('createShipment', CREATE_SHIPMENT, input, token);
  const track = (input: Record<string, unknown>) => mutate('updateShipmentTracking', UPDATE_TRACKING, input);
  const codes = (payload: Payload) => payload.userErrors.map((error) => error.code);
  /** Every row a shipment mutation may write, and the outbox. */
  const written = async () => ({
    shipments: await owner.query(`SELECT * FROM shipment ORDER BY id`),
    lines: await owner.query(`SELECT * FROM shipment_line ORDER BY shipment_id, variant_id`),
    history: await owner.query(`SELECT * FROM shipment_tracking_event ORDER BY id`),
    outbox: await owner.query(`SELECT id FROM outbox_event ORDER BY seq`),
  });
  const eventsOf = async (shipmentId: string): Promise<Envelope[]> =>
    (await owner.query(`SELECT envelope FROM outbox_event WHERE envelope->>'aggregateId' = $1 ORDER BY seq`, [shipmentId])).map(
      (row: { envelope: Envelope }) => row.envelope,
    );

  beforeAll(async () => {
    shipping = await startTestSubgraph(shippingSubgraph);
    owner = await openOwnerConnection(shipping.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await shipping?.close();
  });

  it('ships every line of a paid order by default, with a hand-named carrier and tracking page, and announces it', async () => {
    const orderId = await events.confirmed(storeId, { [kettle]: 2, [mug]: 1 });
    const created = await ship({ orderId, carrierName: ' UPS ', trackingNumber: '1Z999', trackingUrl: 'https://ups.example/track/1Z999' });
    expect(created.userErrors).toEqual([]);
    const shipment = created.shipment!;
    expect(shipment).toMatchObject({
      orderId,
      storeId,
      shippingMethodId: null,
      carrierCode: 'MANUAL',
      carrierName: 'UPS',
      trackingNumber: '1Z999',
      trackingUrl: 'https://ups.example/track/1Z999',
      status: 'LABEL_CREATED',
      order: { id: orderId },
      trackingEvents: [{ status: 'LABEL_CREATED', message: null, occurredAt: expect.any(String) }],
    });
    expect(shipment.lines).toEqual(
      expect.arrayContaining([
        { variantId: kettle, quantity: 2 },
        { variantId: mug, quantity: 1 },
      ]),
    );
    expect(shipment.lines).toHaveLength(2);
    const [announced] = await eventsOf(shipment.id);
    expect(announced).toMatchObject({
      type: 'shipping.shipment-created',
      aggregateVersion: 1,
      data: {
        shipmentId: shipment.id,
        orderId,
        orderNumber: '#1001',
        email: 'shopper@example.com',
        carrier: 'UPS',
        trackingNumber: '1Z999',
        trackingUrl: 'https://ups.example/track/1Z999',
        status: 'LABEL_CREATED',
        message: null,
        orderFullyShipped: true,
        // who shipped it, for the order's audit trail
        actor: { userId: merchantUserId },
      },
    });
    expect((await request<{ shipment: ShipmentResult }>(merchant, SHIPMENT, { id: shipment.id })).shipment.id).toBe(shipment.id);
  });

  it("ships part of an order with a configured carrier (its tracking page), then the rest; then there's nothing left to ship", async () => {
    const zone = (
      await request<{ createShippingZone: { shippingZone: { id: string } } }>(merchant, CREATE_ZONE, {
        input: { name: `Canada ${randomUUID().slice(0, 4)}`, regions: [{ countryCode: 'CA' }] },
      })
    ).createShippingZone.shippingZone;
    const method = (
      await request<{ createShippingMethod: { shippingMethod: { id: string } } }>(merchant, CREATE_METHOD, {
        input: {
          zoneId: zone.id,
          name: 'Standard',
          currencyCode: 'CAD',
          rate: { kind: 'FLAT', amount: 1000 },
          carrier: { name: 'Canada Post', trackingUrlTemplate: 'https://post.example/track?n={trackingNumber}' },
        },
      })
    ).createShippingMethod.shippingMethod;
    const orderId = await events.confirmed(storeId, { [kettle]: 3, [mug]: 1 });

    const first = await ship({
      orderId,
      shippingMethodId: method.id,
      trackingNumber: 'CP 1',
      lines: [
        { variantId: kettle, quantity: 1 },
        { variantId: kettle, quantity: 1 },
      ],
    });
    expect(first.userErrors).toEqual([]);
    expect(first.shipment).toMatchObject({
      carrierName: 'Canada Post',
      shippingMethodId: method.id,
      trackingUrl: 'https://post.example/track?n=CP%201',
      lines: [{ variantId: kettle, quantity: 2 }],
    });
    expect((await eventsOf(first.shipment!.id))[0].data).toMatchObject({ orderFullyShipped: false, lines: [{ variantId: kettle, quantity: 2 }] });

    const over = await ship({ orderId, carrierName: 'UPS', trackingNumber: '1Z1', lines: [{ variantId: kettle, quantity: 2 }] });
    expect(over.userErrors).toEqual([expect.objectContaining({ code: 'QUANTITY_OVER_UNSHIPPED', field: ['input', 'lines', '0', 'quantity'] })]);

    const rest = await ship({ orderId, carrierName: 'UPS', trackingNumber: '1Z2' });
    expect(rest.shipment!.lines).toEqual(
      expect.arrayContaining([
        { variantId: kettle, quantity: 1 },
        { variantId: mug, quantity: 1 },
      ]),
    );
    expect((await eventsOf(rest.shipment!.id))[0].data).toMatchObject({ orderFullyShipped: true });
    expect(codes(await ship({ orderId, carrierName: 'UPS', trackingNumber: '1Z3' }))).toEqual(['NOTHING_TO_SHIP']);

    // Order.shipments and the deprecated single carrier: the latest shipment's
    const { _entities } = await request<{ _entities: { carrier: string; trackingNumber: string; shipments: { id: string }[] }[] }>(merchant, ORDER_SHIPMENTS, {
      representations: [{ __typename: 'Order', id: orderId, legacyCarrier: null, legacyTrackingNumber: null }],
    });
    expect(_entities[0]).toMatchObject({ carrier: 'UPS', trackingNumber: '1Z2', shipments: [{ id: first.shipment!.id }, { id: rest.shipment!.id }] });
  });

  it('answers the deprecated carrier and tracking number of an order dispatched before shipments from what orders recorded', async () => {
    const orderId = randomUUID();
    const { _entities } = await request<{ _entities: unknown[] }>(merchant, ORDER_SHIPMENTS, {
      representations: [{ __typename: 'Order', id: orderId, legacyCarrier: 'DHL', legacyTrackingNumber: 'JD01' }],
    });
    expect(_entities).toEqual([{ id: orderId, carrier: 'DHL', trackingNumber: 'JD01', shipments: [] }]);
  });

  it('refuses to ship an unknown, unpaid, cancelled or other store’s order, a line it has not, a bad tracking page or carrier, writing nothing', async () => {
    const paid = await events.confirmed(storeId, { [kettle]: 1 });
    const unpaid = await events.created(storeId, { [kettle]: 1 });
    const cancelled = await events.created(storeId, { [kettle]: 1 });
    await events.status(storeId, cancelled, 'CANCELLED');
    const otherStore = randomUUID();
    const theirs = await events.confirmed(otherStore, { [kettle]: 1 });
    const before = await written();
    const refusals: [Record<string, unknown>, string, string[]][] = [
      [{ orderId: randomUUID(), carrierName: 'UPS', trackingNumber: '1' }, 'NOT_FOUND', ['input', 'orderId']],
      [{ orderId: theirs, carrierName: 'UPS', trackingNumber: '1' }, 'NOT_FOUND', ['input', 'orderId']],
      [{ orderId: unpaid, carrierName: 'UPS', trackingNumber: '1' }, 'ORDER_NOT_PAID', ['input', 'orderId']],
      [{ orderId: cancelled, carrierName: 'UPS', trackingNumber: '1' }, 'ORDER_CANCELLED', ['input', 'orderId']],
      [
        { orderId: paid, carrierName: 'UPS', trackingNumber: '1', lines: [{ variantId: mug, quantity: 1 }] },
        'LINE_NOT_IN_ORDER',
        ['input', 'lines', '0', 'variantId'],
      ],
      [
        { orderId: paid, carrierName: 'UPS', trackingNumber: '1', lines: [{ variantId: kettle, quantity: 2 }] },
        'QUANTITY_OVER_UNSHIPPED',
        ['input', 'lines', '0', 'quantity'],
      ],
      [{ orderId: paid, carrierName: 'UPS', trackingNumber: '1', trackingUrl: 'http://ups.example/1' }, 'INVALID_TRACKING_URL', ['input', 'trackingUrl']],
      [{ orderId: paid, carrierName: 'UPS', trackingNumber: '1', trackingUrl: 'not a url' }, 'INVALID_TRACKING_URL', ['input', 'trackingUrl']],
      [{ orderId: paid, trackingNumber: '1' }, 'INVALID_CARRIER', ['input', 'carrierName']],
      [{ orderId: paid, carrierName: 'UPS', shippingMethodId: randomUUID(), trackingNumber: '1' }, 'INVALID_CARRIER', ['input', 'carrierName']],
      [{ orderId: paid, shippingMethodId: randomUUID(), trackingNumber: '1' }, 'NOT_FOUND', ['input', 'shippingMethodId']],
    ];
    for (const [input, code, field] of refusals) {
      expect([input, await ship(input)]).toEqual([input, { shipment: null, userErrors: [expect.objectContaining({ code, field })] }]);
    }
    // malformed input never reaches a resolver
    const malformed = await shipping.client(merchant, { 'x-store-id': storeId }).rawRequest(CREATE_SHIPMENT, {
      input: { orderId: paid, carrierName: 'UPS', trackingNumber: '', lines: [{ variantId: kettle, quantity: 0 }] },
    });
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const blank = await shipping.client(merchant, { 'x-store-id': storeId }).rawRequest(CREATE_SHIPMENT, {
      input: { orderId: paid, carrierName: 'UPS', trackingNumber: '   ' },
    });
    expect(blank.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // a shopper ships nothing
    const shopper = await shipping
      .client(tokenFor([Role.CUSTOMER], storeId), { 'x-store-id': storeId })
      .rawRequest(CREATE_SHIPMENT, { input: { orderId: paid, carrierName: 'UPS', trackingNumber: '1' } });
    expect(shopper.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await written()).toEqual(before);
  });

  it('keeps a status that came before the order itself, and fills in the lines when orders.created arrives', async () => {
    const orderId = randomUUID();
    await events.status(storeId, orderId, 'CONFIRMED', 4);
    expect((await owner.query(`SELECT lines, status FROM order_view WHERE order_id = $1`, [orderId]))[0]).toEqual({ lines: null, status: 'CONFIRMED' });
    await events.created(storeId, { [kettle]: 1 }, orderId);
    expect((await owner.query(`SELECT status, jsonb_array_length(lines) AS n FROM order_view WHERE order_id = $1`, [orderId]))[0]).toEqual({
      status: 'CONFIRMED',
      n: 1,
    });
    await events.status(storeId, orderId, 'PAYMENT_SUCCESS', 3);
    expect((await owner.query(`SELECT status FROM order_view WHERE order_id = $1`, [orderId]))[0].status).toBe('CONFIRMED');
  });

  it('records tracking changes with history and events, and refuses a move back from DELIVERED, a future time or an unknown shipment', async () => {
    const orderId = await events.confirmed(storeId, { [kettle]: 1 });
    const shipment = (await ship({ orderId, carrierName: 'DHL', trackingNumber: 'JD9' })).shipment!;
    const moving = await track({ shipmentId: shipment.id, status: 'IN_TRANSIT', message: ' Left the depot ', occurredAt: '2026-12-07T08:00:00.000Z' });
    expect(moving.userErrors).toEqual([]);
    expect(moving.shipment).toMatchObject({ status: 'IN_TRANSIT' });
    expect(moving.shipment!.trackingEvents.slice(1)).toEqual([{ status: 'IN_TRANSIT', message: 'Left the depot', occurredAt: '2026-12-07T08:00:00.000Z' }]);
    expect((await track({ shipmentId: shipment.id, status: 'DELIVERED' })).shipment).toMatchObject({ status: 'DELIVERED' });
    const announced = (await eventsOf(shipment.id)).filter((event) => event.type === 'shipping.tracking-updated');
    expect(announced.map((event) => [event.aggregateVersion, event.data.status, event.data.message])).toEqual([
      [2, 'IN_TRANSIT', 'Left the depot'],
      [3, 'DELIVERED', null],
    ]);
    expect(announced[1].data).toMatchObject({
      shipmentId: shipment.id,
      orderId,
      orderNumber: '#1001',
      carrier: 'DHL',
      trackingNumber: 'JD9',
      customerId: expect.any(String),
      actor: { userId: merchantUserId },
    });

    const before = await written();
    expect((await track({ shipmentId: shipment.id, status: 'IN_TRANSIT' })).userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'status'] }),
    ]);
    expect(codes(await track({ shipmentId: shipment.id, status: 'RETURNED' }))).toEqual(['INVALID_TRANSITION']);
    const other = (await ship({ orderId: await events.confirmed(storeId, { [mug]: 1 }), carrierName: 'DHL', trackingNumber: 'JD10' })).shipment!;
    const afterOther = await written();
    expect(codes(await track({ shipmentId: other.id, status: 'IN_TRANSIT', occurredAt: new Date(Date.now() + 3_600_000).toISOString() }))).toEqual([
      'INVALID_OCCURRED_AT',
    ]);
    expect(codes(await track({ shipmentId: randomUUID(), status: 'IN_TRANSIT' }))).toEqual(['NOT_FOUND']);
    expect(await written()).toEqual(afterOther);
    expect(before.shipments.length + 1).toBe(afterOther.shipments.length);
  });

  it('keeps dispatchOrder (deprecated): the whole order, answered once orders has made it FULFILLED; a wrong state is INVALID_TRANSITION as before', async () => {
    const orderId = await events.confirmed(storeId, { [kettle]: 1, [mug]: 2 });
    const answer = mutate('dispatchOrder', DISPATCH_ORDER, { orderId, carrier: 'UPS', trackingNumber: '1Z42' });
    // orders hears of the shipment and moves the order on: here, the status event orders would publish
    await eventually(async () => (await owner.query(`SELECT 1 FROM shipment WHERE order_id = $1`, [orderId])).length > 0, 10_000, 'the shipment');
    await events.status(storeId, orderId, 'FULFILLED');
    const dispatched = await answer;
    expect(dispatched).toMatchObject({
      order: { id: orderId },
      shipment: { carrierName: 'UPS', trackingNumber: '1Z42', status: 'LABEL_CREATED' },
      userErrors: [],
    });
    expect(dispatched.shipment!.lines).toHaveLength(2);

    const unpaid = await events.created(storeId, { [kettle]: 1 });
    expect(await mutate('dispatchOrder', DISPATCH_ORDER, { orderId: unpaid, carrier: 'UPS', trackingNumber: '1Z43' })).toEqual({
      order: null,
      shipment: null,
      userErrors: [expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'orderId'] })],
    });
  });

  it('lets the staff of a suspended store ship and track nothing (STORE_UNAVAILABLE)', async () => {
    const store = randomUUID();
    const staff = tokenFor([Role.MERCHANT], store);
    const orderId = await events.confirmed(store, { [kettle]: 1 });
    const shipment = (await request<Record<string, Payload>>(staff, CREATE_SHIPMENT, { input: { orderId, carrierName: 'UPS', trackingNumber: 'S1' } }, store))
      .createShipment.shipment!;
    await setStoreStatus(store, StoreStatus.SUSPENDED);
    const before = await written();
    const refusedShip = (
      await request<Record<string, Payload>>(staff, CREATE_SHIPMENT, { input: { orderId, carrierName: 'UPS', trackingNumber: 'S2' } }, store)
    ).createShipment;
    const refusedTrack = (await request<Record<string, Payload>>(staff, UPDATE_TRACKING, { input: { shipmentId: shipment.id, status: 'IN_TRANSIT' } }, store))
      .updateShipmentTracking;
    expect([codes(refusedShip), codes(refusedTrack)]).toEqual([['STORE_UNAVAILABLE'], ['STORE_UNAVAILABLE']]);
    expect(await written()).toEqual(before);
  });
});
