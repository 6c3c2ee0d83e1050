import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { customersSubgraph } from '../src/customers.subgraph';
import { ownerConnection } from './support/store-fixtures';
import { CREATE_CUSTOMER, CUSTOMER, SET_TAX_EXEMPTION, type CustomerResult, type UserErrorResult } from './support/customer-operations';

interface Payload {
  customer: CustomerResult | null;
  userErrors: UserErrorResult[];
}

describe('customers subgraph: tax exemption', () => {
  const storeId = randomUUID();
  const otherStoreId = randomUUID();
  const merchant = tokenFor([Role.MERCHANT], storeId);
  const staff = tokenFor([Role.STORE_STAFF], storeId);
  const otherMerchant = tokenFor([Role.MERCHANT], otherStoreId);
  const shopper = tokenFor([Role.CUSTOMER], storeId);
  let customers: TestSubgraph;
  let owner: Client;

  const request = async <T>(token: string, query: string, variables: Record<string, unknown> = {}) => customers.client(token).rawRequest<T>(query, variables);
  const create = async (email: string, token = merchant): Promise<CustomerResult> => {
    const result = await request<{ createCustomer: Payload }>(token, CREATE_CUSTOMER, { input: { email } });
    expect(result.data.createCustomer.userErrors).toEqual([]);
    return result.data.createCustomer.customer!;
  };
  const setExemption = async (input: Record<string, unknown>, token = merchant): Promise<Payload> => {
    const result = await request<{ setCustomerTaxExemption: Payload }>(token, SET_TAX_EXEMPTION, { input });
    expect(result.errors).toBeUndefined();
    return result.data.setCustomerTaxExemption;
  };
  /** The customer's row and outbox as the database holds them: what a refused change must leave alone. */
  const stored = async (customerId: string) => ({
    row: (await owner.query(`SELECT tax_exempt, tax_exemption_reference, version FROM customer WHERE id = $1`, [customerId])).rows[0],
    events: (
      await owner.query<{ envelope: { type: string; aggregateVersion: number; data: Record<string, unknown> } }>(
        `SELECT envelope FROM outbox_event WHERE envelope->>'aggregateId' = $1 ORDER BY seq`,
        [customerId],
      )
    ).rows.map((row) => row.envelope),
  });

  beforeAll(async () => {
    customers = await startTestSubgraph(customersSubgraph);
    owner = await ownerConnection(customers);
  });
  afterAll(async () => {
    await owner.end();
    await customers.close();
  });

  it('a new customer pays tax, and customers.created says so', async () => {
    const customer = await create('taxed@example.com');
    expect(customer).toMatchObject({ taxExempt: false, taxExemptionReference: null });
    const { events } = await stored(customer.id);
    expect(events.map((event) => [event.type, event.data.taxExempt])).toEqual([['customers.created', false]]);
  });

  it("lets the store's staff mark a customer exempt with a reference and taxable again, each published in customers.updated", async () => {
    const customer = await create('reseller@example.com');
    const exempt = await setExemption({ customerId: customer.id, taxExempt: true, reference: '  RESALE-CA-12345 ' }, staff);
    expect(exempt.userErrors).toEqual([]);
    expect(exempt.customer).toMatchObject({ id: customer.id, taxExempt: true, taxExemptionReference: 'RESALE-CA-12345' });
    const read = await request<{ customer: CustomerResult }>(merchant, CUSTOMER, { id: customer.id });
    expect(read.data.customer).toMatchObject({ taxExempt: true, taxExemptionReference: 'RESALE-CA-12345' });

    // the same again changes nothing and publishes nothing
    const again = await setExemption({ customerId: customer.id, taxExempt: true, reference: 'RESALE-CA-12345' });
    expect(again.customer).toMatchObject({ taxExempt: true });
    expect((await stored(customer.id)).events).toHaveLength(2);

    const taxable = await setExemption({ customerId: customer.id, taxExempt: false });
    expect(taxable.customer).toMatchObject({ taxExempt: false, taxExemptionReference: null });
    const { row, events } = await stored(customer.id);
    expect(row).toEqual({ tax_exempt: false, tax_exemption_reference: null, version: 3 });
    expect(events.map((event) => [event.type, event.aggregateVersion, event.data.taxExempt])).toEqual([
      ['customers.created', 1, false],
      ['customers.updated', 2, true],
      ['customers.updated', 3, false],
    ]);
    // the reference stays in customers: the event says only whether tax is due
    expect(events[1].data).not.toHaveProperty('reference');
    expect(events[1].data).not.toHaveProperty('taxExemptionReference');
  });

  it('an exemption without a reference records none', async () => {
    const customer = await create('charity@example.com');
    const exempt = await setExemption({ customerId: customer.id, taxExempt: true, reference: '   ' });
    expect(exempt.customer).toMatchObject({ taxExempt: true, taxExemptionReference: null });
  });

  it('refuses a shopper, another store and bad input, and writes nothing', async () => {
    const customer = await create('careful@example.com');
    const before = await stored(customer.id);

    const asShopper = await request(shopper, SET_TAX_EXEMPTION, { input: { customerId: customer.id, taxExempt: true } });
    expect(asShopper.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const elsewhere = await setExemption({ customerId: customer.id, taxExempt: true }, otherMerchant);
    expect(elsewhere).toEqual({ customer: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'customerId'], message: expect.any(String) }] });
    const unknown = await setExemption({ customerId: randomUUID(), taxExempt: true });
    expect(unknown.userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);

    const tooLong = await request(merchant, SET_TAX_EXEMPTION, { input: { customerId: customer.id, taxExempt: true, reference: 'x'.repeat(101) } });
    expect(tooLong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((tooLong.errors?.[0].extensions?.fields as { field: string[] }[]).map((field) => field.field.join('.'))).toEqual(['input.reference']);
    const notAnId = await request(merchant, SET_TAX_EXEMPTION, { input: { customerId: 'nope', taxExempt: true } });
    expect(notAnId.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const referenceAlone = await setExemption({ customerId: customer.id, taxExempt: false, reference: 'RESALE-1' });
    expect(referenceAlone).toEqual({ customer: null, userErrors: [{ code: 'INVALID_VALUE', field: ['input', 'reference'], message: expect.any(String) }] });

    expect(await stored(customer.id)).toEqual(before);
    expect(before.row).toEqual({ tax_exempt: false, tax_exemption_reference: null, version: 1 });
  });
});
