import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { envelopeFor, inScope, Role, StoreStatus } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { customersSubgraph } from '../src/customers.subgraph';
import { commerceEvents, ownerConnection } from './support/store-fixtures';
import {
  CREATE_ADDRESS,
  CREATE_CUSTOMER,
  CREATE_SEGMENT,
  CUSTOMER,
  CUSTOMERS,
  DELETE_ADDRESS,
  DELETE_CUSTOMER,
  DELETE_SEGMENT,
  ENTITIES,
  MY_PROFILE,
  SEGMENT,
  SEGMENT_CUSTOMERS,
  SEGMENTS,
  SET_DEFAULT_ADDRESS,
  UPDATE_ADDRESS,
  UPDATE_CUSTOMER,
  UPDATE_SEGMENT,
  type CustomerResult,
} from './support/customer-operations';

const TABLES = ['customer', 'customer_address', 'customer_order', 'customer_payment', 'customer_segment', 'customer_segment_member'];
const ADDRESS = { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', countryCode: 'GB' };

interface StoreData {
  storeId: string;
  merchant: string;
  customerId: string;
  addressId: string;
  segmentId: string;
  shopperUserId: string;
}

describe('customers subgraph: tenant isolation', () => {
  let customers: TestSubgraph;
  let owner: Client;
  const events = commerceEvents(() => customers);
  const stores: Record<'a' | 'b', StoreData> = {} as never;

  const gql = async <T = Record<string, unknown>>(
    token: string | undefined,
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) => {
    const result = await customers.client(token, headers).rawRequest<T>(query, variables);
    return result;
  };
  const data = async <T = Record<string, unknown>>(
    token: string,
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) => {
    const result = await gql<T>(token, query, variables, headers);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  /** Every row of a store in every table, read as the owner. */
  const snapshot = async (storeId: string) => {
    const rows: Record<string, Record<string, unknown>[]> = {};
    for (const table of TABLES) rows[table] = (await owner.query(`SELECT * FROM ${table} WHERE store_id = $1 ORDER BY 1, 2, 3`, [storeId])).rows;
    return rows;
  };

  /** A store with a customer (an address, two orders, a payment), a segment holding the customer, and a shopper linked to the customer. */
  async function seedStore(): Promise<StoreData> {
    const storeId = randomUUID();
    const merchant = tokenFor([Role.MERCHANT], storeId);
    const shopperUserId = randomUUID();
    const email = 'same.person@example.com';
    const verified = await events.emailVerified(shopperUserId, email);
    await eventually(async () => (await owner.query(`SELECT 1 FROM processed_event WHERE event_id = $1`, [verified.id])).rowCount === 1);
    const first = await events.orderCreated(storeId, { email, total: 1500, userId: shopperUserId });
    await events.orderCreated(storeId, { email, total: 700 });
    await events.paymentSucceeded(storeId, first.aggregateId, 1500);
    const customerId = await eventually(async () => {
      const { rows } = await owner.query(`SELECT id FROM customer WHERE store_id = $1 AND orders_count = 2 AND total_spent_amount = 1500`, [storeId]);
      return rows[0]?.id as string | undefined;
    });
    const address = await data<{ createCustomerAddress: { address: { id: string } } }>(merchant, CREATE_ADDRESS, { input: { customerId, address: ADDRESS } });
    await data(merchant, CREATE_CUSTOMER, { input: { email: 'someone.else@example.com', tags: ['other'] } });
    const segment = await data<{ createCustomerSegment: { customerSegment: { id: string; customerCount: number } } }>(merchant, CREATE_SEGMENT, {
      input: { name: 'Repeat buyers', rules: { match: 'ALL', conditions: [{ field: 'ORDERS_COUNT', operator: 'GREATER_THAN_OR_EQUAL', value: '2' }] } },
    });
    expect(segment.createCustomerSegment.customerSegment.customerCount).toBe(1);
    return {
      storeId,
      merchant,
      customerId,
      addressId: address.createCustomerAddress.address.id,
      segmentId: segment.createCustomerSegment.customerSegment.id,
      shopperUserId,
    };
  }

  beforeAll(async () => {
    customers = await startTestSubgraph(customersSubgraph);
    owner = await ownerConnection(customers);
    stores.a = await seedStore();
    stores.b = await seedStore();
  });
  afterAll(async () => {
    await owner.end();
    await customers.close();
  });

  it("gives a merchant of store B nothing of store A's, by any id, including _entities", async () => {
    const { a, b } = stores;
    expect((await data(b.merchant, CUSTOMER, { id: a.customerId })).customer).toBeNull();
    expect((await data(b.merchant, SEGMENT, { id: a.segmentId })).customerSegment).toBeNull();
    expect((await data(b.merchant, SEGMENT_CUSTOMERS, { segmentId: a.segmentId })).segmentCustomers).toEqual({
      totalCount: 0,
      nodes: [],
      pageInfo: { hasNextPage: false, endCursor: null },
    });
    const entities = await data<{ _entities: unknown[] }>(b.merchant, ENTITIES, {
      representations: [
        { __typename: 'Customer', id: a.customerId },
        { __typename: 'CustomerSegment', id: a.segmentId },
        { __typename: 'Customer', id: b.customerId },
        { __typename: 'CustomerSegment', id: b.segmentId },
      ],
    });
    expect(entities._entities).toEqual([
      null,
      null,
      { id: b.customerId, email: 'same.person@example.com', totalSpent: { amount: 1500 } },
      { id: b.segmentId, name: 'Repeat buyers' },
    ]);

    const list = await data<{ customers: { totalCount: number; nodes: { id: string }[] } }>(b.merchant, CUSTOMERS, { first: 100 });
    expect(list.customers.totalCount).toBe(2);
    expect(list.customers.nodes.map((node) => node.id)).toContain(b.customerId);
    expect(list.customers.nodes.map((node) => node.id)).not.toContain(a.customerId);
    const segments = await data<{ customerSegments: { totalCount: number; nodes: { id: string }[] } }>(b.merchant, SEGMENTS);
    expect(segments.customerSegments.nodes.map((node) => node.id)).toEqual([b.segmentId]);

    // naming store A in X-Store-Id does not make B's merchant staff there: they are a shopper in A
    const switched = await gql(b.merchant, CUSTOMER, { id: a.customerId }, { 'x-store-id': a.storeId });
    expect(switched.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it("lets a merchant of store B change nothing of store A's", async () => {
    const { a, b } = stores;
    const before = await snapshot(a.storeId);
    const codes = async (mutation: string, name: string, input: Record<string, unknown>) =>
      ((await data<Record<string, { userErrors: { code: string }[] }>>(b.merchant, mutation, { input }))[name].userErrors ?? []).map((error) => error.code);
    expect(await codes(UPDATE_CUSTOMER, 'updateCustomer', { id: a.customerId, note: 'pwned' })).toEqual(['NOT_FOUND']);
    expect(await codes(DELETE_CUSTOMER, 'deleteCustomer', { id: a.customerId })).toEqual(['NOT_FOUND']);
    expect(await codes(CREATE_ADDRESS, 'createCustomerAddress', { customerId: a.customerId, address: ADDRESS })).toEqual(['NOT_FOUND']);
    expect(await codes(UPDATE_ADDRESS, 'updateCustomerAddress', { id: a.addressId, address: { ...ADDRESS, city: 'Elsewhere' } })).toEqual(['NOT_FOUND']);
    expect(await codes(SET_DEFAULT_ADDRESS, 'setDefaultCustomerAddress', { id: a.addressId })).toEqual(['NOT_FOUND']);
    expect(await codes(DELETE_ADDRESS, 'deleteCustomerAddress', { id: a.addressId })).toEqual(['NOT_FOUND']);
    expect(
      await codes(UPDATE_SEGMENT, 'updateCustomerSegment', {
        id: a.segmentId,
        rules: { match: 'ANY', conditions: [{ field: 'TAG', operator: 'CONTAINS', value: 'x' }] },
      }),
    ).toEqual(['NOT_FOUND']);
    expect(await codes(DELETE_SEGMENT, 'deleteCustomerSegment', { id: a.segmentId })).toEqual(['NOT_FOUND']);
    expect(await snapshot(a.storeId)).toEqual(before);
  });

  it('keeps a shopper to their own profile in the store they shop in', async () => {
    const { a, b } = stores;
    const shopper = tokenFor([Role.CUSTOMER], a.storeId, a.shopperUserId);
    const profile = await data<{ myCustomerProfile: CustomerResult }>(shopper, MY_PROFILE);
    expect(profile.myCustomerProfile).toMatchObject({ id: a.customerId, userId: a.shopperUserId, ordersCount: 2 });
    // the same user shopping in store B has no profile there (B's customer is linked to B's shopper)
    const inB = await data<{ myCustomerProfile: CustomerResult | null }>(shopper, MY_PROFILE, {}, { 'x-store-id': b.storeId });
    expect(inB.myCustomerProfile).toBeNull();
    const entities = await data<{ _entities: unknown[] }>(shopper, ENTITIES, {
      representations: [
        { __typename: 'Customer', id: a.customerId },
        { __typename: 'Customer', id: b.customerId },
        { __typename: 'CustomerSegment', id: a.segmentId },
      ],
    });
    expect(entities._entities).toEqual([{ id: a.customerId, email: 'same.person@example.com', totalSpent: { amount: 1500 } }, null, null]);
    const theirs = await data<{ createCustomerAddress: { userErrors: { code: string }[] } }>(shopper, CREATE_ADDRESS, {
      input: { customerId: b.customerId, address: ADDRESS },
    });
    expect(theirs.createCustomerAddress.userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    const own = await data<{ createCustomerAddress: { userErrors: unknown[]; address: { isDefault: boolean } } }>(shopper, CREATE_ADDRESS, {
      input: { customerId: a.customerId, address: { ...ADDRESS, city: 'Bath' } },
    });
    expect(own.createCustomerAddress).toMatchObject({ userErrors: [], address: { isDefault: false } });
  });

  it('lets staff of both stores see each one only while acting for it, and a platform admin see both', async () => {
    const { a, b } = stores;
    const both = tokenFor([Role.MERCHANT], a.storeId, randomUUID(), { [a.storeId]: Role.MERCHANT, [b.storeId]: Role.STORE_STAFF });
    expect((await data(both, CUSTOMER, { id: a.customerId })).customer).not.toBeNull();
    expect((await data(both, CUSTOMER, { id: b.customerId })).customer).toBeNull();
    expect((await data(both, CUSTOMER, { id: b.customerId }, { 'x-store-id': b.storeId })).customer).not.toBeNull();
    expect((await data(both, CUSTOMER, { id: a.customerId }, { 'x-store-id': b.storeId })).customer).toBeNull();

    const admin = tokenFor([Role.PLATFORM_ADMIN], null);
    const all = await data<{ customers: { nodes: { id: string }[] } }>(admin, CUSTOMERS, { first: 100 });
    expect(all.customers.nodes.map((node) => node.id)).toEqual(expect.arrayContaining([a.customerId, b.customerId]));
    const adminInA = await data<{ customers: { totalCount: number } }>(admin, CUSTOMERS, { first: 100 }, { 'x-store-id': a.storeId });
    expect(adminInA.customers.totalCount).toBe(2);
  });

  it('keeps the same email in two stores apart: order events of one store never touch the other', async () => {
    const { a, b } = stores;
    const before = await snapshot(a.storeId);
    const order = await events.orderCreated(b.storeId, { email: 'SAME.PERSON@example.com', total: 999 });
    await events.paymentSucceeded(b.storeId, order.aggregateId, 999);
    // a payment naming store A for B's order finds no order of A: it is parked in A, B's customer is untouched
    await events.paymentSucceeded(a.storeId, order.aggregateId, 5);
    await eventually(async () => {
      const { rows } = await owner.query(`SELECT total_spent_amount FROM customer WHERE id = $1`, [b.customerId]);
      // bigint: pg returns it as text
      return rows[0].total_spent_amount === String(1500 + 999);
    });
    await eventually(
      async () => (await owner.query(`SELECT 1 FROM customer_payment WHERE store_id = $1 AND order_id = $2`, [a.storeId, order.aggregateId])).rowCount === 1,
    );
    const after = await snapshot(a.storeId);
    expect(after.customer).toEqual(before.customer);
    expect(after.customer_order.filter((row) => row.order_id === order.aggregateId)).toEqual([
      expect.objectContaining({ customer_id: null, paid_amount: '5' }),
    ]);
  });

  describe('row-level security', () => {
    it('forces RLS on every table, and the application role owns none of them', async () => {
      const { rows } = await owner.query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean; owner: string }>(
        `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, pg_get_userbyid(c.relowner) AS owner FROM pg_class c
         WHERE c.relname = ANY($1) AND c.relkind = 'r' ORDER BY c.relname`,
        [TABLES],
      );
      expect(rows.map((row) => row.relname)).toEqual([...TABLES].sort());
      for (const row of rows) {
        expect(row).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
        expect(row.owner).not.toBe(customers.runtime.config.database.appUser);
      }
    });

    it('refuses a query without a store, hides other stores without a condition and refuses writes into them', async () => {
      const { a, b } = stores;
      const { dataSource } = customers.runtime;
      await expect(dataSource.query('SELECT count(*) FROM customer')).rejects.toThrow(/no store scope/);
      for (const table of TABLES) {
        const rows = await inScope(dataSource, b.storeId, (manager) => manager.query(`SELECT DISTINCT store_id FROM ${table}`));
        // every table holds rows of both stores; B's scope sees B's only, though the query names no store
        expect([table, rows.map((row: { store_id: string }) => row.store_id)]).toEqual([table, [b.storeId]]);
      }
      const found = await inScope(dataSource, b.storeId, (manager) => manager.query(`SELECT id FROM customer WHERE id = $1`, [a.customerId]));
      expect(found).toEqual([]);
      await expect(
        inScope(dataSource, b.storeId, (manager) => manager.query(`INSERT INTO customer (store_id, email) VALUES ($1, 'intruder@example.com')`, [a.storeId])),
      ).rejects.toThrow(/row-level security/);
      const [, updated] = await inScope(dataSource, b.storeId, (manager) => manager.query(`UPDATE customer SET note = 'pwned' WHERE id = $1`, [a.customerId]));
      expect(updated).toBe(0);
    });
  });

  describe('store status', () => {
    const setStatus = async (storeId: string, status: StoreStatus, version: number) => {
      const { js, names } = customers.runtime;
      const event = envelopeFor(
        { type: 'stores.status-changed', storeId, aggregateId: storeId, aggregateVersion: version, data: { storeId, status } },
        { correlationId: randomUUID(), causationId: null },
      );
      await js.publish(names.subject(event.type), JSON.stringify(event), { msgID: event.id });
      await eventually(async () => (await owner.query(`SELECT 1 FROM store_status WHERE store_id = $1 AND status = $2`, [storeId, status])).rowCount === 1);
    };

    it("hides a suspended store's customer accounts from shoppers and keeps its admin working", async () => {
      const { a } = stores;
      const shopper = tokenFor([Role.CUSTOMER], a.storeId, a.shopperUserId);
      await setStatus(a.storeId, StoreStatus.SUSPENDED, 2);
      await eventually(async () => (await data<{ myCustomerProfile: unknown }>(shopper, MY_PROFILE)).myCustomerProfile === null);
      const refused = await data<{ createCustomerAddress: { userErrors: { code: string }[] } }>(shopper, CREATE_ADDRESS, {
        input: { customerId: a.customerId, address: ADDRESS },
      });
      expect(refused.createCustomerAddress.userErrors.map((error) => error.code)).toEqual(['STORE_UNAVAILABLE']);
      expect((await data(a.merchant, CUSTOMER, { id: a.customerId })).customer).not.toBeNull();

      await setStatus(a.storeId, StoreStatus.PAUSED, 3);
      await eventually(async () => (await data<{ myCustomerProfile: { id: string } | null }>(shopper, MY_PROFILE)).myCustomerProfile?.id === a.customerId);
    });
  });
});
