import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { customersSubgraph } from '../src/customers.subgraph';
import { ownerConnection } from './support/store-fixtures';
import {
  CREATE_ADDRESS,
  CREATE_CUSTOMER,
  CUSTOMER,
  CUSTOMERS,
  DELETE_ADDRESS,
  DELETE_CUSTOMER,
  SET_DEFAULT_ADDRESS,
  UPDATE_ADDRESS,
  UPDATE_CUSTOMER,
  type CustomerResult,
  type UserErrorResult,
} from './support/customer-operations';

interface Payload {
  customer: CustomerResult | null;
  userErrors: UserErrorResult[];
}

interface AddressPayload {
  address: { id: string; name: string; countryCode: string; isDefault: boolean } | null;
  customer: { id: string; defaultAddress: { id: string } | null; addresses: { id: string; isDefault: boolean }[] } | null;
  userErrors: UserErrorResult[];
}

const ADDRESS = { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', countryCode: 'GB' };

describe('customers subgraph: customers and their addresses', () => {
  const storeId = randomUUID();
  const otherStoreId = randomUUID();
  const merchant = tokenFor([Role.MERCHANT], storeId);
  const staff = tokenFor([Role.STORE_STAFF], storeId);
  const otherMerchant = tokenFor([Role.MERCHANT], otherStoreId);
  const shopper = tokenFor([Role.CUSTOMER], storeId);
  let customers: TestSubgraph;
  let owner: Client;

  const request = async <T>(token: string, query: string, variables: Record<string, unknown> = {}) => customers.client(token).rawRequest<T>(query, variables);
  const create = async (input: Record<string, unknown>, token = merchant): Promise<Payload> => {
    const result = await request<{ createCustomer: Payload }>(token, CREATE_CUSTOMER, { input });
    expect(result.errors).toBeUndefined();
    return result.data.createCustomer;
  };
  const update = async (input: Record<string, unknown>, token = merchant): Promise<Payload> => {
    const result = await request<{ updateCustomer: Payload }>(token, UPDATE_CUSTOMER, { input });
    expect(result.errors).toBeUndefined();
    return result.data.updateCustomer;
  };
  const addressMutation = async (mutation: string, name: string, input: Record<string, unknown>, token = merchant): Promise<AddressPayload> => {
    const result = await request<Record<string, AddressPayload>>(token, mutation, { input });
    expect(result.errors).toBeUndefined();
    return result.data[name];
  };
  const countRows = async (sql: string, parameters: unknown[]) => Number((await owner.query<{ n: string }>(sql, parameters)).rows[0].n);
  const outboxTypes = async (customerId: string) =>
    (
      await owner.query<{ type: string }>(`SELECT envelope->>'type' AS type FROM outbox_event WHERE envelope->>'aggregateId' = $1 ORDER BY seq`, [customerId])
    ).rows.map((row) => row.type);

  beforeAll(async () => {
    customers = await startTestSubgraph(customersSubgraph);
    owner = await ownerConnection(customers);
  });
  afterAll(async () => {
    await owner.end();
    await customers.close();
  });

  it('creates a customer with its contact details, tags and consent, and publishes customers.created', async () => {
    const result = await create({
      email: 'Ada@Example.com',
      firstName: ' Ada ',
      lastName: 'Lovelace',
      phone: '+44 20 7946 0000',
      tags: ['vip', 'VIP', ' wholesale '],
      note: 'Prefers email',
      acceptsMarketing: true,
    });
    expect(result.userErrors).toEqual([]);
    expect(result.customer).toMatchObject({
      storeId,
      email: 'Ada@Example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      phone: '+44 20 7946 0000',
      tags: ['vip', 'wholesale'],
      note: 'Prefers email',
      acceptsMarketing: true,
      totalSpent: { amount: 0, currencyCode: 'USD' },
      ordersCount: 0,
      lastOrderAt: null,
      userId: null,
      user: null,
      defaultAddress: null,
      addresses: [],
    });
    const id = result.customer!.id;
    expect(await outboxTypes(id)).toEqual(['customers.created']);
    const [event] = (await owner.query(`SELECT envelope FROM outbox_event WHERE envelope->>'aggregateId' = $1`, [id])).rows;
    expect(event.envelope).toMatchObject({
      storeId,
      aggregateId: id,
      data: { customerId: id, email: 'Ada@Example.com', userId: null, ordersCount: 0, totalSpent: { amount: 0, currencyCode: 'USD' } },
    });
    const read = await request<{ customer: CustomerResult }>(staff, CUSTOMER, { id });
    expect(read.data.customer).toMatchObject({ id, email: 'Ada@Example.com' });
  });

  it('refuses invalid input with BAD_USER_INPUT per field and writes nothing', async () => {
    const before = await countRows(`SELECT count(*) AS n FROM customer WHERE store_id = $1`, [storeId]);
    const result = await request(merchant, CREATE_CUSTOMER, {
      input: { email: 'not-an-email', phone: 'call me', tags: ['x'.repeat(41)], firstName: 'y'.repeat(101) },
    });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (result.errors?.[0].extensions?.fields as { field: string[] }[]).map((field) => field.field.join('.'));
    expect(fields).toEqual(expect.arrayContaining(['input.email', 'input.phone', 'input.tags', 'input.firstName']));
    expect(await countRows(`SELECT count(*) AS n FROM customer WHERE store_id = $1`, [storeId])).toBe(before);
  });

  it('keeps email unique per store, ignoring case, and allows the same email in another store', async () => {
    await create({ email: 'grace@example.com', firstName: 'Grace' });
    const outboxBefore = await countRows(`SELECT count(*) AS n FROM outbox_event`, []);
    const duplicate = await create({ email: 'GRACE@example.COM', firstName: 'Impostor' });
    expect(duplicate).toEqual({ customer: null, userErrors: [{ code: 'EMAIL_TAKEN', field: ['input', 'email'], message: expect.any(String) }] });
    expect(await countRows(`SELECT count(*) AS n FROM customer WHERE store_id = $1 AND lower(email) = 'grace@example.com'`, [storeId])).toBe(1);
    expect(await countRows(`SELECT count(*) AS n FROM outbox_event`, [])).toBe(outboxBefore);

    const elsewhere = await create({ email: 'grace@example.com' }, otherMerchant);
    expect(elsewhere.userErrors).toEqual([]);
    expect(elsewhere.customer!.storeId).toBe(otherStoreId);
  });

  it('updates only the fields given, refuses a taken email and leaves the customer as it was', async () => {
    const { customer } = await create({ email: 'alan@example.com', firstName: 'Alan', lastName: 'Turing', phone: '+44 1234 5678', tags: ['a'] });
    const changed = await update({ id: customer!.id, note: 'Met at the conference', acceptsMarketing: true });
    expect(changed.userErrors).toEqual([]);
    expect(changed.customer).toMatchObject({
      firstName: 'Alan',
      lastName: 'Turing',
      phone: '+44 1234 5678',
      tags: ['a'],
      note: 'Met at the conference',
      acceptsMarketing: true,
    });

    const cleared = await update({ id: customer!.id, phone: null, tags: [] });
    expect(cleared.customer).toMatchObject({ phone: null, tags: [], note: 'Met at the conference' });

    const taken = await update({ id: customer!.id, email: 'ADA@example.com', firstName: 'Changed' });
    expect(taken.userErrors).toEqual([{ code: 'EMAIL_TAKEN', field: ['input', 'email'], message: expect.any(String) }]);
    const read = await request<{ customer: CustomerResult }>(merchant, CUSTOMER, { id: customer!.id });
    expect(read.data.customer).toMatchObject({ email: 'alan@example.com', firstName: 'Alan' });
    expect(await outboxTypes(customer!.id)).toEqual(['customers.created', 'customers.updated', 'customers.updated']);

    const missing = await update({ id: randomUUID(), note: 'x' });
    expect(missing.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'id'], message: expect.any(String) }]);
  });

  it('deletes a customer with their addresses and publishes customers.deleted', async () => {
    const { customer } = await create({ email: 'gone@example.com' });
    await addressMutation(CREATE_ADDRESS, 'createCustomerAddress', { customerId: customer!.id, address: ADDRESS });
    const deleted = await request<{ deleteCustomer: { deletedCustomerId: string | null; userErrors: UserErrorResult[] } }>(merchant, DELETE_CUSTOMER, {
      input: { id: customer!.id },
    });
    expect(deleted.data.deleteCustomer).toEqual({ deletedCustomerId: customer!.id, userErrors: [] });
    expect((await request<{ customer: unknown }>(merchant, CUSTOMER, { id: customer!.id })).data.customer).toBeNull();
    expect(await countRows(`SELECT count(*) AS n FROM customer_address WHERE customer_id = $1`, [customer!.id])).toBe(0);
    expect(await outboxTypes(customer!.id)).toEqual(['customers.created', 'customers.deleted']);

    const again = await request<{ deleteCustomer: { userErrors: UserErrorResult[] } }>(merchant, DELETE_CUSTOMER, { input: { id: customer!.id } });
    expect(again.data.deleteCustomer.userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);
  });

  it('lists, filters, sorts and pages customers of the store', async () => {
    await create({ email: 'page-1@list.test', lastName: 'Alpha', tags: ['Newsletter'], acceptsMarketing: true });
    await create({ email: 'page-2@list.test', lastName: 'Bravo', tags: ['newsletter'] });
    await create({ email: 'page-3@list.test', lastName: 'Charlie', acceptsMarketing: true });
    type List = { customers: { totalCount: number; nodes: { email: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const list = (variables: Record<string, unknown>) => request<List>(merchant, CUSTOMERS, variables);

    const search = await list({ filter: { search: 'list.test' }, sort: { field: 'LAST_NAME', direction: 'ASC' }, first: 2 });
    expect(search.data.customers.totalCount).toBe(3);
    expect(search.data.customers.nodes.map((node) => node.email)).toEqual(['page-1@list.test', 'page-2@list.test']);
    expect(search.data.customers.pageInfo.hasNextPage).toBe(true);
    const next = await list({
      filter: { search: 'list.test' },
      sort: { field: 'LAST_NAME', direction: 'ASC' },
      first: 2,
      after: search.data.customers.pageInfo.endCursor,
    });
    expect(next.data.customers.nodes.map((node) => node.email)).toEqual(['page-3@list.test']);
    expect(next.data.customers.pageInfo.hasNextPage).toBe(false);

    const tagged = await list({ filter: { search: 'list.test', tag: 'NEWSLETTER' } });
    expect(tagged.data.customers.nodes.map((node) => node.email).sort()).toEqual(['page-1@list.test', 'page-2@list.test']);
    const marketing = await list({ filter: { search: 'list.test', acceptsMarketing: true } });
    expect(marketing.data.customers.nodes.map((node) => node.email).sort()).toEqual(['page-1@list.test', 'page-3@list.test']);

    // grace@example.com exists in both stores: the store's own list holds it once
    const everything = await list({ first: 100 });
    expect(everything.data.customers.nodes.filter((node) => node.email.toLowerCase() === 'grace@example.com')).toHaveLength(1);
    expect(everything.data.customers.totalCount).toBe(await countRows(`SELECT count(*) AS n FROM customer WHERE store_id = $1`, [storeId]));

    const badCursor = await list({ after: 'bm9wZQ' });
    expect(badCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await list({ first: 101 });
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets only the store staff read and write customers', async () => {
    const { customer } = await create({ email: 'private@example.com' });
    const asShopper = await request(shopper, CUSTOMER, { id: customer!.id });
    expect(asShopper.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await customers.client(undefined, { 'x-store-id': storeId }).rawRequest(CUSTOMERS, {});
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const shopperCreates = await request(shopper, CREATE_CUSTOMER, { input: { email: 'sneaky@example.com' } });
    expect(shopperCreates.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const shopperAddress = await addressMutation(CREATE_ADDRESS, 'createCustomerAddress', { customerId: customer!.id, address: ADDRESS }, shopper);
    expect(shopperAddress.userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    expect(await countRows(`SELECT count(*) AS n FROM customer_address WHERE customer_id = $1`, [customer!.id])).toBe(0);
  });

  describe('addresses', () => {
    let customerId: string;
    beforeAll(async () => {
      customerId = (await create({ email: 'addresses@example.com' })).customer!.id;
    });

    it('makes the first address the default, keeps exactly one default and promotes another when the default goes', async () => {
      const first = await addressMutation(CREATE_ADDRESS, 'createCustomerAddress', { customerId, address: ADDRESS });
      expect(first.userErrors).toEqual([]);
      expect(first.address).toMatchObject({ isDefault: true, countryCode: 'GB' });
      expect(first.customer!.defaultAddress).toEqual({ id: first.address!.id });

      const second = await addressMutation(CREATE_ADDRESS, 'createCustomerAddress', { customerId, address: { ...ADDRESS, city: 'Bath' } });
      expect(second.address!.isDefault).toBe(false);
      expect(second.customer!.defaultAddress).toEqual({ id: first.address!.id });

      const third = await addressMutation(CREATE_ADDRESS, 'createCustomerAddress', {
        customerId,
        address: { ...ADDRESS, city: 'Paris', countryCode: 'FR' },
        setAsDefault: true,
      });
      expect(third.address!.isDefault).toBe(true);
      expect(third.customer!.addresses.filter((address) => address.isDefault)).toEqual([{ id: third.address!.id, isDefault: true }]);

      const switched = await addressMutation(SET_DEFAULT_ADDRESS, 'setDefaultCustomerAddress', { id: first.address!.id });
      expect(switched.customer!.defaultAddress).toEqual({ id: first.address!.id });
      expect(switched.customer!.addresses.filter((address) => address.isDefault)).toHaveLength(1);

      const renamed = await addressMutation(UPDATE_ADDRESS, 'updateCustomerAddress', { id: second.address!.id, address: { ...ADDRESS, name: 'A. Lovelace' } });
      expect(renamed.address).toMatchObject({ name: 'A. Lovelace', isDefault: false });

      // the default goes: the most recently added other address (third) takes over
      const removed = await request<{ deleteCustomerAddress: AddressPayload & { deletedAddressId: string } }>(merchant, DELETE_ADDRESS, {
        input: { id: first.address!.id },
      });
      expect(removed.data.deleteCustomerAddress.deletedAddressId).toBe(first.address!.id);
      expect(removed.data.deleteCustomerAddress.customer!.defaultAddress).toEqual({ id: third.address!.id });
      expect(removed.data.deleteCustomerAddress.customer!.addresses).toHaveLength(2);

      await request(merchant, DELETE_ADDRESS, { input: { id: third.address!.id } });
      const last = await request<{ deleteCustomerAddress: AddressPayload }>(merchant, DELETE_ADDRESS, { input: { id: second.address!.id } });
      expect(last.data.deleteCustomerAddress.customer).toEqual({ id: customerId, defaultAddress: null, addresses: [] });
      expect(await countRows(`SELECT count(*) AS n FROM customer_address WHERE customer_id = $1`, [customerId])).toBe(0);
    });

    it('validates address fields and writes nothing for bad input', async () => {
      const result = await request(merchant, CREATE_ADDRESS, {
        input: { customerId, address: { ...ADDRESS, countryCode: 'XX', postalCode: '', phone: 'nope' } },
      });
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const fields = (result.errors?.[0].extensions?.fields as { field: string[] }[]).map((field) => field.field.join('.'));
      expect(fields).toEqual(expect.arrayContaining(['input.address.countryCode', 'input.address.postalCode', 'input.address.phone']));
      expect(await countRows(`SELECT count(*) AS n FROM customer_address WHERE customer_id = $1`, [customerId])).toBe(0);

      const unknown = await addressMutation(SET_DEFAULT_ADDRESS, 'setDefaultCustomerAddress', { id: randomUUID() });
      expect(unknown.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'id'], message: expect.any(String) }]);
    });

    it('keeps one default when addresses are added concurrently', async () => {
      const { customer } = await create({ email: 'concurrent@example.com' });
      await Promise.all(
        Array.from({ length: 5 }, (_, index) =>
          addressMutation(CREATE_ADDRESS, 'createCustomerAddress', { customerId: customer!.id, address: { ...ADDRESS, line1: `${index} Road` } }),
        ),
      );
      expect(await countRows(`SELECT count(*) AS n FROM customer_address WHERE customer_id = $1`, [customer!.id])).toBe(5);
      expect(await countRows(`SELECT count(*) AS n FROM customer_address WHERE customer_id = $1 AND is_default`, [customer!.id])).toBe(1);
    });
  });
});
