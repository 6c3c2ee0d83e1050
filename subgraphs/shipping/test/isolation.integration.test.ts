import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { inScope, Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { shippingSubgraph } from '../src/shipping.subgraph';
import {
  CART_RATES,
  CREATE_METHOD,
  CREATE_ZONE,
  DELETE_METHOD,
  DELETE_ZONE,
  METHOD,
  METHODS,
  UPDATE_METHOD,
  UPDATE_ZONE,
  ZONE,
  ZONES,
  cartRepresentation,
  type MethodResult,
  type RateResult,
  type UserErrorResult,
  type ZoneResult,
} from './support/shipping-operations';

const TABLES = ['shipping_method', 'shipping_zone'];

interface StoreData {
  storeId: string;
  merchant: string;
  staff: string;
  zoneId: string;
  methodId: string;
}

describe('shipping subgraph: tenant isolation', () => {
  let shipping: TestSubgraph;
  let owner: DataSource;
  const stores: Record<'a' | 'b', StoreData> = {} as never;

  const raw = <T>(token: string | undefined, storeId: string | null, query: string, variables: Record<string, unknown>) =>
    shipping.client(token, storeId ? { 'x-store-id': storeId } : {}).rawRequest<T>(query, variables);
  const data = async <T>(token: string | undefined, storeId: string | null, query: string, variables: Record<string, unknown> = {}) => {
    const result = await raw<T>(token, storeId, query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  type Payload = { shippingZone?: ZoneResult | null; shippingMethod?: MethodResult | null; userErrors: UserErrorResult[] };
  const mutate = async (token: string, storeId: string, name: string, query: string, input: Record<string, unknown>) =>
    (await data<Record<string, Payload>>(token, storeId, query, { input }))[name];
  /** Every row of a store in every table and the whole outbox, read as the owner. */
  const snapshot = async (storeId: string) => {
    const rows: Record<string, unknown[]> = {};
    for (const table of TABLES) rows[table] = await owner.query(`SELECT * FROM ${table} WHERE store_id = $1 ORDER BY id`, [storeId]);
    rows.outbox = await owner.query(`SELECT id FROM outbox_event ORDER BY seq`);
    return rows;
  };

  /** A store with a zone covering Canada and one flat method of 500 CAD. */
  async function seedStore(amount: number): Promise<StoreData> {
    const storeId = randomUUID();
    const merchant = tokenFor([Role.MERCHANT], storeId);
    const zone = (await mutate(merchant, storeId, 'createShippingZone', CREATE_ZONE, { name: 'Canada', regions: [{ countryCode: 'CA' }] })).shippingZone!;
    const method = (
      await mutate(merchant, storeId, 'createShippingMethod', CREATE_METHOD, {
        zoneId: zone.id,
        name: 'Standard',
        currencyCode: 'CAD',
        rate: { kind: 'FLAT', amount },
      })
    ).shippingMethod!;
    return { storeId, merchant, staff: tokenFor([Role.STORE_STAFF], storeId), zoneId: zone.id, methodId: method.id };
  }

  beforeAll(async () => {
    shipping = await startTestSubgraph(shippingSubgraph);
    owner = await openOwnerConnection(shipping.runtime.config);
    stores.a = await seedStore(500);
    stores.b = await seedStore(900);
  });
  afterAll(async () => {
    await owner?.destroy();
    await shipping?.close();
  });

  it("gives store B's staff nothing of A's, by any id, in lists or through _entities, even naming A as the store", async () => {
    const { a, b } = stores;
    expect((await data<{ shippingZone: ZoneResult | null }>(a.staff, a.storeId, ZONE, { id: a.zoneId })).shippingZone?.id).toBe(a.zoneId);
    expect((await data<{ shippingZone: ZoneResult | null }>(b.merchant, b.storeId, ZONE, { id: a.zoneId })).shippingZone).toBeNull();
    expect((await data<{ shippingMethod: { id: string } | null }>(b.merchant, b.storeId, METHOD, { id: a.methodId })).shippingMethod).toBeNull();
    // naming A as the store does not make B's staff A's
    for (const [query, id] of [
      [ZONE, a.zoneId],
      [METHOD, a.methodId],
    ]) {
      expect((await raw(b.merchant, a.storeId, query, { id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const zones = (await data<{ shippingZones: { nodes: ZoneResult[] } }>(b.merchant, b.storeId, ZONES, { first: 100 })).shippingZones.nodes;
    expect(zones.map((zone) => zone.id)).toEqual([b.zoneId]);
    const methods = (await data<{ shippingMethods: { nodes: { id: string }[] } }>(b.merchant, b.storeId, METHODS, { zoneId: a.zoneId })).shippingMethods.nodes;
    expect(methods).toEqual([]);
    const entities = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ShippingZone { id } ... on ShippingMethod { id } } }`;
    const representations = [
      { __typename: 'ShippingZone', id: a.zoneId },
      { __typename: 'ShippingMethod', id: a.methodId },
    ];
    expect((await data<{ _entities: unknown[] }>(b.merchant, b.storeId, entities, { representations }))._entities).toEqual([null, null]);
    expect((await data<{ _entities: unknown[] }>(a.merchant, a.storeId, entities, { representations }))._entities).toEqual([
      { id: a.zoneId },
      { id: a.methodId },
    ]);
  });

  it("prices a cart with its own store's methods only", async () => {
    const { a, b } = stores;
    const cart = cartRepresentation({ countryCode: 'CA', provinceCode: 'QC', postalCode: 'H2X 1Y4' }, 2000);
    const ratesIn = async (storeId: string, token?: string) =>
      (await data<{ _entities: { availableShippingRates: RateResult[] }[] }>(token, storeId, CART_RATES, { representations: [cart] }))._entities[0]
        .availableShippingRates;
    expect((await ratesIn(a.storeId)).map((rate) => [rate.id, rate.price.amount])).toEqual([[a.methodId, 500]]);
    expect((await ratesIn(b.storeId, tokenFor([Role.CUSTOMER], b.storeId))).map((rate) => [rate.id, rate.price.amount])).toEqual([[b.methodId, 900]]);
    // a caller without a store (a platform admin acting for none) is offered nothing rather than every store's methods
    expect(await ratesIn(null as never, tokenFor([Role.PLATFORM_ADMIN], null))).toEqual([]);
  });

  it("refuses every mutation on another store's zones and methods, writing nothing", async () => {
    const { a, b } = stores;
    const before = await snapshot(a.storeId);
    const attempts: [string, string, Record<string, unknown>][] = [
      ['updateShippingZone', UPDATE_ZONE, { id: a.zoneId, name: 'Taken over' }],
      ['deleteShippingZone', DELETE_ZONE, { id: a.zoneId }],
      ['createShippingMethod', CREATE_METHOD, { zoneId: a.zoneId, name: 'Intruder', currencyCode: 'CAD', rate: { kind: 'FLAT', amount: 1 } }],
      ['updateShippingMethod', UPDATE_METHOD, { id: a.methodId, rate: { kind: 'FLAT', amount: 1 } }],
      ['updateShippingMethod', UPDATE_METHOD, { id: b.methodId, zoneId: a.zoneId }],
      ['deleteShippingMethod', DELETE_METHOD, { id: a.methodId }],
    ];
    for (const [name, query, input] of attempts) {
      const answer = (await data<Record<string, { userErrors: UserErrorResult[] }>>(b.merchant, b.storeId, query, { input }))[name];
      expect({ name, codes: answer.userErrors.map((error) => error.code) }).toEqual({ name, codes: ['NOT_FOUND'] });
      // B's staff naming A as the store are refused before any resolver runs
      expect((await raw(b.staff, a.storeId, query, { input })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await snapshot(a.storeId)).toEqual(before);
  });

  it('forces row-level security on every table, none owned by the application role', async () => {
    const rows: { relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean; owner: string }[] = await owner.query(
      `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, pg_get_userbyid(c.relowner) AS owner FROM pg_class c
        WHERE c.relname = ANY($1) AND c.relkind = 'r' ORDER BY c.relname`,
      [TABLES],
    );
    expect(rows.map((row) => row.relname)).toEqual([...TABLES].sort());
    for (const row of rows) {
      expect(row).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
      expect(row.owner).not.toBe(shipping.runtime.config.database.appUser);
    }
  });

  it("refuses a query without a store, hides another store's rows without a condition and refuses writes into them", async () => {
    const { a, b } = stores;
    const { dataSource } = shipping.runtime;
    await expect(dataSource.query('SELECT count(*) FROM shipping_zone')).rejects.toThrow(/no store scope/);
    for (const table of TABLES) {
      const rows: { store_id: string }[] = await inScope(dataSource, b.storeId, (manager) => manager.query(`SELECT DISTINCT store_id FROM ${table}`));
      expect([table, rows.map((row) => row.store_id)]).toEqual([table, [b.storeId]]);
    }
    await expect(
      inScope(dataSource, b.storeId, (manager) =>
        manager.query(
          `INSERT INTO shipping_method (store_id, zone_id, name, currency_code, rate, carrier_code, carrier_name) VALUES ($1, $2, 'x', 'CAD', '{"kind":"FLAT","amount":1}', 'MANUAL', 'x')`,
          [a.storeId, a.zoneId],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    const [, updated] = await inScope(dataSource, b.storeId, (manager) => manager.query(`UPDATE shipping_zone SET name = 'pwned' WHERE id = $1`, [a.zoneId]));
    expect(updated).toBe(0);
  });
});
