import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { shippingSubgraph } from '../src/shipping.subgraph';
import {
  CART_RATES,
  CREATE_METHOD,
  CREATE_ZONE,
  DELETE_METHOD,
  DELETE_ZONE,
  METHODS,
  UPDATE_METHOD,
  UPDATE_ZONE,
  ZONES,
  cartRepresentation,
  type MethodResult,
  type RateResult,
  type UserErrorResult,
  type ZoneResult,
} from './support/shipping-operations';

type Payload = { shippingZone?: ZoneResult | null; shippingMethod?: MethodResult | null; userErrors: UserErrorResult[] } & Record<string, unknown>;

describe('shipping subgraph: zones, methods and the rates a cart may choose', () => {
  let shipping: TestSubgraph;
  let owner: DataSource;
  const storeId = randomUUID();
  const merchant = tokenFor([Role.MERCHANT], storeId);

  const data = async <T>(token: string | undefined, query: string, variables: Record<string, unknown> = {}) => {
    const result = await shipping.client(token, { 'x-store-id': storeId }).rawRequest<T>(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const mutate = async (name: string, query: string, input: Record<string, unknown>, token = merchant) =>
    (await data<Record<string, Payload>>(token, query, { input }))[name];
  const rates = async (representation: ReturnType<typeof cartRepresentation>, token?: string) =>
    (await data<{ _entities: { availableShippingRates: RateResult[] }[] }>(token, CART_RATES, { representations: [representation] }))._entities[0]
      .availableShippingRates;
  const written = async () => ({
    zones: await owner.query(`SELECT * FROM shipping_zone WHERE store_id = $1 ORDER BY id`, [storeId]),
    methods: await owner.query(`SELECT * FROM shipping_method WHERE store_id = $1 ORDER BY id`, [storeId]),
    outbox: await owner.query(`SELECT id FROM outbox_event ORDER BY seq`),
  });
  const eventsOf = async (aggregateId: string) =>
    (await owner.query(`SELECT envelope FROM outbox_event WHERE envelope->>'aggregateId' = $1 ORDER BY seq`, [aggregateId])).map(
      (row: { envelope: { type: string; aggregateVersion: number; data: Record<string, unknown> } }) => row.envelope,
    );

  const canada = { name: 'Canada', regions: [{ countryCode: 'CA' }] };
  const flat = (amount: number) => ({ kind: 'FLAT', amount });

  beforeAll(async () => {
    shipping = await startTestSubgraph(shippingSubgraph);
    owner = await openOwnerConnection(shipping.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await shipping?.close();
  });

  it('lets a merchant set a zone and methods, and prices a cart in the zone with them, free over the threshold', async () => {
    const zone = (await mutate('createShippingZone', CREATE_ZONE, canada)).shippingZone!;
    expect(zone.regions).toEqual([{ countryCode: 'CA', provinceCode: null, postalCodePrefix: null }]);
    const standard = await mutate('createShippingMethod', CREATE_METHOD, {
      zoneId: zone.id,
      name: 'Standard',
      currencyCode: 'CAD',
      rate: flat(1000),
      freeOverSubtotal: 5000,
      carrier: { name: 'Canada Post', trackingUrlTemplate: 'https://track.example/{trackingNumber}' },
    });
    expect(standard.userErrors).toEqual([]);
    expect(standard.shippingMethod).toMatchObject({
      name: 'Standard',
      rate: { kind: 'FLAT', amount: { amount: 1000 } },
      freeOverSubtotal: { amount: 5000 },
      carrier: { code: 'MANUAL', name: 'Canada Post', trackingUrl: 'https://track.example/AB%2012' },
    });
    const byWeight = await mutate('createShippingMethod', CREATE_METHOD, {
      zoneId: zone.id,
      name: 'Courier',
      currencyCode: 'CAD',
      rate: {
        kind: 'BY_WEIGHT',
        weightBrackets: [
          { minWeightGrams: 2000, amount: 2500 },
          { minWeightGrams: 0, maxWeightGrams: 2000, amount: 1500 },
        ],
      },
    });
    expect(byWeight.shippingMethod!.carrier).toEqual({ code: 'MANUAL', name: 'Courier', trackingUrlTemplate: null, trackingUrl: null });

    expect(await rates(cartRepresentation({ countryCode: 'CA', provinceCode: 'BC', postalCode: 'V6B 1A1' }, 4999, 2500))).toEqual([
      {
        id: standard.shippingMethod!.id,
        title: 'Standard',
        price: { amount: 1000, currencyCode: 'CAD' },
        freeOverApplied: false,
        carrier: { code: 'MANUAL', name: 'Canada Post' },
      },
      {
        id: byWeight.shippingMethod!.id,
        title: 'Courier',
        price: { amount: 2500, currencyCode: 'CAD' },
        freeOverApplied: false,
        carrier: { code: 'MANUAL', name: 'Courier' },
      },
    ]);
    const free = await rates(cartRepresentation({ countryCode: 'CA' }, 5000, 100));
    expect(free.map((rate) => [rate.title, rate.price.amount, rate.freeOverApplied])).toEqual([
      ['Standard', 0, true],
      ['Courier', 1500, false],
    ]);
    // outside the zone, before an address, or in another currency: nothing to choose
    expect(await rates(cartRepresentation({ countryCode: 'US', provinceCode: 'NY' }, 5000))).toEqual([]);
    expect(await rates(cartRepresentation(null, 5000))).toEqual([]);
    expect(await rates(cartRepresentation({ countryCode: 'CA' }, 5000, 0, 'USD'))).toEqual([]);

    // each method went out through the outbox whole, with its zone
    const [created] = await eventsOf(standard.shippingMethod!.id);
    expect(created).toMatchObject({
      type: 'shipping.method-updated',
      aggregateVersion: 1,
      data: {
        methodId: standard.shippingMethod!.id,
        name: 'Standard',
        zone: { zoneId: zone.id, name: 'Canada', regions: [{ countryCode: 'CA', provinceCode: null, postalCodePrefix: null }] },
        rate: { kind: 'FLAT', amount: 1000 },
        freeOverSubtotal: 5000,
        currencyCode: 'CAD',
        taxClass: null,
        carrier: { code: 'MANUAL', name: 'Canada Post', trackingUrlTemplate: 'https://track.example/{trackingNumber}' },
      },
    });
  });

  it('republishes the methods of a changed zone, refuses to delete a zone in use, and publishes a deleted method', async () => {
    const zone = (await mutate('createShippingZone', CREATE_ZONE, { name: 'West', regions: [{ countryCode: 'CA', provinceCode: 'BC' }] })).shippingZone!;
    const method = (await mutate('createShippingMethod', CREATE_METHOD, { zoneId: zone.id, name: 'Local', currencyCode: 'CAD', rate: flat(700) }))
      .shippingMethod!;
    const updated = await mutate('updateShippingZone', UPDATE_ZONE, {
      id: zone.id,
      regions: [
        { countryCode: 'CA', provinceCode: 'BC' },
        { countryCode: 'CA', postalCodePrefix: 't2p 1' },
      ],
    });
    expect(updated.shippingZone!.regions[1]).toEqual({ countryCode: 'CA', provinceCode: null, postalCodePrefix: 'T2P1' });
    expect((await rates(cartRepresentation({ countryCode: 'CA', provinceCode: 'AB', postalCode: 'T2P 1J9' }, 100))).map((rate) => rate.title)).toContain(
      'Local',
    );
    const republished = (await eventsOf(method.id)).at(-1)!;
    expect(republished).toMatchObject({ type: 'shipping.method-updated', aggregateVersion: 2 });
    expect((republished.data.zone as { regions: unknown[] }).regions).toHaveLength(2);

    const refused = await mutate('deleteShippingZone', DELETE_ZONE, { id: zone.id });
    expect(refused.userErrors.map((error) => error.code)).toEqual(['ZONE_IN_USE']);
    const changed = await mutate('updateShippingMethod', UPDATE_METHOD, {
      id: method.id,
      freeOverSubtotal: 3000,
      rate: { kind: 'BY_PRICE', priceBands: [{ minSubtotal: 0, amount: 900 }] },
    });
    expect(changed.shippingMethod).toMatchObject({ rate: { kind: 'BY_PRICE', amount: null }, freeOverSubtotal: { amount: 3000 } });
    const cleared = await mutate('updateShippingMethod', UPDATE_METHOD, { id: method.id, freeOverSubtotal: null });
    expect(cleared.shippingMethod!.freeOverSubtotal).toBeNull();
    const deleted = await mutate('deleteShippingMethod', DELETE_METHOD, { id: method.id });
    expect(deleted).toEqual({ deletedShippingMethodId: method.id, userErrors: [] });
    expect((await eventsOf(method.id)).at(-1)).toMatchObject({
      type: 'shipping.method-deleted',
      aggregateVersion: 5,
      data: { methodId: method.id, zoneId: zone.id },
    });
    expect(await mutate('deleteShippingZone', DELETE_ZONE, { id: zone.id })).toEqual({ deletedShippingZoneId: zone.id, userErrors: [] });
  });

  it('lists zones and methods a page at a time, oldest first', async () => {
    const zone = (await mutate('createShippingZone', CREATE_ZONE, { name: 'Paged', regions: [{ countryCode: 'FR' }] })).shippingZone!;
    for (const name of ['A', 'B', 'C']) await mutate('createShippingMethod', CREATE_METHOD, { zoneId: zone.id, name, currencyCode: 'EUR', rate: flat(100) });
    type Page = {
      shippingMethods: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { name: string; zone: { name: string } }[] };
    };
    const first = (await data<Page>(merchant, METHODS, { zoneId: zone.id, first: 2 })).shippingMethods;
    expect(first.nodes.map((node) => node.name)).toEqual(['A', 'B']);
    expect(first).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const second = (await data<Page>(merchant, METHODS, { zoneId: zone.id, first: 2, after: first.pageInfo.endCursor })).shippingMethods;
    expect(second.nodes).toMatchObject([{ name: 'C', zone: { id: zone.id, name: 'Paged' } }]);
    const zones = (await data<{ shippingZones: { nodes: { name: string; methods: { name: string }[] }[] } }>(merchant, ZONES, { first: 100 })).shippingZones
      .nodes;
    expect(zones.find((found) => found.name === 'Paged')!.methods.map((found) => found.name)).toEqual(['A', 'B', 'C']);
  });

  it('refuses bad input on every mutation, writing nothing', async () => {
    const zone = (await mutate('createShippingZone', CREATE_ZONE, { name: 'Bad input', regions: [{ countryCode: 'DE' }] })).shippingZone!;
    const method = (await mutate('createShippingMethod', CREATE_METHOD, { zoneId: zone.id, name: 'Std', currencyCode: 'EUR', rate: flat(100) }))
      .shippingMethod!;
    const before = await written();
    const codes = async (name: string, query: string, input: Record<string, unknown>) =>
      (await mutate(name, query, input)).userErrors.map((error) => error.code);
    const method_ = (overrides: Record<string, unknown>) => ({ zoneId: zone.id, name: 'New', currencyCode: 'EUR', rate: flat(100), ...overrides });
    expect(await codes('createShippingZone', CREATE_ZONE, { name: 'bad input', regions: [{ countryCode: 'DE' }] })).toEqual(['NAME_TAKEN']);
    expect(await codes('createShippingZone', CREATE_ZONE, { name: 'Twice', regions: [{ countryCode: 'DE' }, { countryCode: 'DE' }] })).toEqual([
      'INVALID_REGION',
    ]);
    expect(await codes('updateShippingZone', UPDATE_ZONE, { id: randomUUID(), name: 'x' })).toEqual(['NOT_FOUND']);
    expect(await codes('deleteShippingZone', DELETE_ZONE, { id: randomUUID() })).toEqual(['NOT_FOUND']);
    expect(await codes('createShippingMethod', CREATE_METHOD, method_({ zoneId: randomUUID() }))).toEqual(['NOT_FOUND']);
    expect(await codes('createShippingMethod', CREATE_METHOD, method_({ name: 'STD' }))).toEqual(['NAME_TAKEN']);
    expect(await codes('createShippingMethod', CREATE_METHOD, method_({ rate: { kind: 'FLAT' } }))).toEqual(['INVALID_SHIPPING_RATE']);
    expect(await codes('createShippingMethod', CREATE_METHOD, method_({ rate: { kind: 'FLAT', amount: 1, priceBands: [] } }))).toEqual([
      'INVALID_SHIPPING_RATE',
    ]);
    const overlapping = {
      kind: 'BY_WEIGHT',
      weightBrackets: [
        { minWeightGrams: 0, amount: 1 },
        { minWeightGrams: 10, maxWeightGrams: 20, amount: 2 },
      ],
    };
    expect(await codes('createShippingMethod', CREATE_METHOD, method_({ rate: overlapping }))).toEqual(['INVALID_SHIPPING_RATE']);
    expect(await codes('createShippingMethod', CREATE_METHOD, method_({ rate: { kind: 'BY_PRICE', priceBands: [] } }))).toEqual(['INVALID_SHIPPING_RATE']);
    expect(
      await codes('createShippingMethod', CREATE_METHOD, method_({ carrier: { name: 'X', trackingUrlTemplate: 'http://track.example/{trackingNumber}' } })),
    ).toEqual(['INVALID_CARRIER']);
    expect(await codes('createShippingMethod', CREATE_METHOD, method_({ carrier: { name: 'X', trackingUrlTemplate: 'https://track.example/' } }))).toEqual([
      'INVALID_CARRIER',
    ]);
    expect(await codes('updateShippingMethod', UPDATE_METHOD, { id: method.id, rate: overlapping })).toEqual(['INVALID_SHIPPING_RATE']);
    expect(await codes('updateShippingMethod', UPDATE_METHOD, { id: method.id, zoneId: randomUUID() })).toEqual(['NOT_FOUND']);
    expect(await codes('updateShippingMethod', UPDATE_METHOD, { id: randomUUID(), name: 'x' })).toEqual(['NOT_FOUND']);
    expect(await codes('deleteShippingMethod', DELETE_METHOD, { id: randomUUID() })).toEqual(['NOT_FOUND']);
    // what class-validator refuses never reaches the database either
    for (const [query, input] of [
      [CREATE_ZONE, { name: 'Lower', regions: [{ countryCode: 'de' }] }],
      [CREATE_ZONE, { name: 'Empty', regions: [] }],
      [CREATE_METHOD, method_({ rate: flat(-1) })],
      [CREATE_METHOD, method_({ currencyCode: 'eur' })],
    ] as const) {
      const result = await shipping.client(merchant, { 'x-store-id': storeId }).rawRequest(query, { input });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await written()).toEqual(before);
  });

  it('lets only the store staff manage shipping; a shopper and a store-less caller are refused', async () => {
    const before = await written();
    const customer = tokenFor([Role.CUSTOMER], storeId);
    const result = await shipping.client(customer, { 'x-store-id': storeId }).rawRequest(CREATE_ZONE, { input: canada });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await shipping.client(undefined, { 'x-store-id': storeId }).rawRequest(ZONES, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const admin = tokenFor([Role.PLATFORM_ADMIN], null);
    const storeless = await shipping
      .client(admin)
      .rawRequest<{ createShippingZone: Payload }>(CREATE_ZONE, { input: { name: 'Nowhere', regions: [{ countryCode: 'CA' }] } });
    expect(storeless.data.createShippingZone.userErrors.map((error) => error.code)).toEqual(['STORE_REQUIRED']);
    expect(await written()).toEqual(before);
  });
});
