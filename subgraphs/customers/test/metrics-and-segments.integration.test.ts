import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { customersSubgraph } from '../src/customers.subgraph';
import { commerceEvents, ownerConnection } from './support/store-fixtures';
import {
  CREATE_ADDRESS,
  CREATE_CUSTOMER,
  CREATE_SEGMENT,
  CUSTOMER,
  CUSTOMER_ORDERS,
  DELETE_SEGMENT,
  MY_PROFILE,
  SEGMENT,
  SEGMENT_CUSTOMERS,
  UPDATE_CUSTOMER,
  UPDATE_SEGMENT,
  type CustomerResult,
  type UserErrorResult,
} from './support/customer-operations';

interface SegmentPayload {
  customerSegment: {
    id: string;
    name: string;
    customerCount: number;
    rules: { match: string; conditions: { field: string; operator: string; value: string }[] };
  } | null;
  userErrors: UserErrorResult[];
}

const BIG_SPENDERS = {
  match: 'ALL',
  conditions: [
    { field: 'TOTAL_SPENT', operator: 'GREATER_THAN', value: '1000' },
    { field: 'ORDERS_COUNT', operator: 'GREATER_THAN', value: '5' },
  ],
};

describe('customers subgraph: metrics from order events and segments', () => {
  const storeId = randomUUID();
  const merchant = tokenFor([Role.MERCHANT], storeId);
  let customers: TestSubgraph;
  let owner: Client;
  const events = commerceEvents(() => customers);

  const request = async <T>(query: string, variables: Record<string, unknown> = {}, token = merchant) => {
    const result = await customers.client(token).rawRequest<T>(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const customerByEmail = async (email: string): Promise<CustomerResult | undefined> => {
    const { rows } = await owner.query<{ id: string }>(`SELECT id FROM customer WHERE store_id = $1 AND lower(email) = lower($2)`, [storeId, email]);
    if (rows.length === 0) return undefined;
    return (await request<{ customer: CustomerResult }>(CUSTOMER, { id: rows[0].id })).customer;
  };
  const settled = (email: string, expected: Partial<CustomerResult>, what: string) =>
    eventually(
      async () => {
        const customer = await customerByEmail(email);
        return (
          customer &&
          Object.entries(expected).every(([key, value]) => JSON.stringify(customer[key as keyof CustomerResult]) === JSON.stringify(value)) &&
          customer
        );
      },
      10_000,
      what,
    );
  const handled = async (consumer: string, eventId: string) =>
    (await owner.query(`SELECT 1 FROM processed_event WHERE consumer = $1 AND event_id = $2`, [customers.runtime.names.durable(consumer), eventId]))
      .rowCount === 1;
  const createSegment = async (name: string, rules: unknown) =>
    (await request<{ createCustomerSegment: SegmentPayload }>(CREATE_SEGMENT, { input: { name, rules } })).createCustomerSegment;
  const members = async (segmentId: string) =>
    (await request<{ segmentCustomers: { nodes: { email: string }[] } }>(SEGMENT_CUSTOMERS, { segmentId, first: 100 })).segmentCustomers.nodes
      .map((node) => node.email)
      .sort();
  const membershipEvents = async (segmentId: string) =>
    (
      await owner.query<{ customer_id: string; joined: boolean }>(
        `SELECT envelope->'data'->>'customerId' AS customer_id, (envelope->'data'->>'joined')::boolean AS joined FROM outbox_event
         WHERE envelope->>'type' = 'customers.segment-membership-changed' AND envelope->'data'->>'segmentId' = $1 ORDER BY seq`,
        [segmentId],
      )
    ).rows;

  beforeAll(async () => {
    customers = await startTestSubgraph(customersSubgraph);
    owner = await ownerConnection(customers);
  });
  afterAll(async () => {
    await owner.end();
    await customers.close();
  });

  /** accounts.email-verified, applied. */
  const verified = async (userId: string, email: string) => {
    const event = await events.emailVerified(userId, email);
    await eventually(() => handled('customers-email-verified', event.id), 10_000, 'the verified email');
  };
  const profileOf = async (userId: string) =>
    (await request<{ myCustomerProfile: CustomerResult | null }>(MY_PROFILE, {}, tokenFor([Role.CUSTOMER], storeId, userId))).myCustomerProfile;

  it('creates and links the customer on orders.created, and counts payments and refunds once each', async () => {
    const userId = randomUUID();
    await verified(userId, 'shopper@example.com');
    const placed = await events.orderCreated(storeId, { email: 'Shopper@Example.com', total: 4999, userId, shippingName: 'Mary Ann Evans' });
    const orderId = placed.aggregateId;
    const created = await settled('shopper@example.com', { ordersCount: 1 }, 'the customer from orders.created');
    expect(created).toMatchObject({
      email: 'Shopper@Example.com',
      firstName: 'Mary',
      lastName: 'Ann Evans',
      userId,
      user: { id: userId },
      totalSpent: { amount: 0, currencyCode: 'USD' },
      lastOrderAt: placed.occurredAt,
    });

    const paid = await events.paymentSucceeded(storeId, orderId, 4999);
    await settled('shopper@example.com', { totalSpent: { amount: 4999, currencyCode: 'USD' } }, 'the payment counted');

    // the same events again: JetStream hands them over a second time; the kit's processed-event record ignores them
    await events.redeliver(placed);
    await events.redeliver(paid);
    await eventually(async () => (await events.drained('customers-order-created', 'orders')) && events.drained('customers-payment-succeeded', 'payments'));
    // the same payment announced under a new event id: the per-payment record ignores it
    const again = await events.paymentSucceeded(storeId, orderId, 4999, (paid.data as { paymentId: string }).paymentId);
    await eventually(() => handled('customers-payment-succeeded', again.id), 10_000, 'the repeated payment handled');
    const sameOrderAgain = await events.orderCreated(storeId, { email: 'shopper@example.com', total: 4999, orderId, userId });
    await eventually(() => handled('customers-order-created', sameOrderAgain.id), 10_000, 'the repeated order handled');
    expect(await customerByEmail('shopper@example.com')).toMatchObject({ ordersCount: 1, totalSpent: { amount: 4999, currencyCode: 'USD' } });

    await events.paymentRefunded(storeId, orderId, 4999, (paid.data as { paymentId: string }).paymentId);
    const refunded = await settled('shopper@example.com', { totalSpent: { amount: 0, currencyCode: 'USD' } }, 'the refund counted');
    expect(refunded.ordersCount).toBe(1);

    const history = await request<{ customer: { orders: { totalCount: number; nodes: { id: string }[] } } }>(CUSTOMER_ORDERS, { id: created.id });
    expect(history.customer.orders).toMatchObject({ totalCount: 1, nodes: [{ id: orderId }] });
    const types = (await owner.query(`SELECT envelope->>'type' AS type FROM outbox_event WHERE envelope->>'aggregateId' = $1 ORDER BY seq`, [created.id])).rows;
    expect(types.map((row) => row.type)).toEqual(['customers.created', 'customers.updated', 'customers.updated']);

    // the shopper sees their own profile in this store
    const profile = await request<{ myCustomerProfile: CustomerResult | null }>(MY_PROFILE, {}, tokenFor([Role.CUSTOMER], storeId, userId));
    expect(profile.myCustomerProfile).toMatchObject({ id: created.id, email: 'Shopper@Example.com' });
    const stranger = await request<{ myCustomerProfile: CustomerResult | null }>(MY_PROFILE, {}, tokenFor([Role.CUSTOMER], storeId));
    expect(stranger.myCustomerProfile).toBeNull();
  });

  it('never links a shopper to the customer of an email they have not verified: ordering with someone else’s email shows them nothing', async () => {
    const victimEmail = 'victim@example.com';
    const { createCustomer } = await request<{ createCustomer: { customer: CustomerResult } }>(CREATE_CUSTOMER, {
      input: { email: victimEmail, firstName: 'Vera', phone: '+15550001111', note: 'Gate code 4321' },
    });
    const victim = createCustomer.customer;
    await request(CREATE_ADDRESS, {
      input: { customerId: victim.id, address: { name: 'Vera V', line1: '1 Hidden Lane', city: 'Toronto', postalCode: 'M5V 2T6', countryCode: 'CA' } },
    });

    const attacker = randomUUID();
    await verified(attacker, 'attacker@example.com');
    // signed in as themselves, ordering with the victim's email (the order form takes any email)
    await events.orderCreated(storeId, { email: 'Victim@Example.com', total: 100, userId: attacker });
    const counted = await settled(victimEmail, { ordersCount: 1 }, 'the order counted for the email it names');
    expect(counted).toMatchObject({ id: victim.id, userId: null, user: null });
    expect(await profileOf(attacker)).toBeNull();

    // nor does an account that registered the victim's email without proving it (no accounts.email-verified)
    const unverified = randomUUID();
    await events.orderCreated(storeId, { email: victimEmail, total: 100, userId: unverified });
    await settled(victimEmail, { ordersCount: 2 }, 'the second order counted');
    expect(await profileOf(unverified)).toBeNull();

    // the attacker's own verified email links them, to their own customer only
    await events.orderCreated(storeId, { email: 'attacker@example.com', total: 100, userId: attacker });
    const own = await settled('attacker@example.com', { ordersCount: 1 }, 'the attacker’s own order');
    expect(own.userId).toBe(attacker);
    const profile = await profileOf(attacker);
    expect(profile).toMatchObject({ id: own.id, email: 'attacker@example.com', phone: null, note: '', addresses: [] });
    expect((await customerByEmail(victimEmail))?.userId).toBeNull();
  });

  it('links a shopper who verifies their email after ordering with it, in every store that has them as a customer', async () => {
    const userId = randomUUID();
    const otherStore = randomUUID();
    await events.orderCreated(storeId, { email: 'late.verifier@example.com', total: 100, userId });
    await events.orderCreated(otherStore, { email: 'Late.Verifier@example.com', total: 100, userId });
    const before = await settled('late.verifier@example.com', { ordersCount: 1 }, 'the order before verification');
    expect(before.userId).toBeNull();
    await eventually(async () => (await owner.query(`SELECT 1 FROM customer WHERE store_id = $1`, [otherStore])).rowCount === 1);

    await verified(userId, 'LATE.verifier@example.com');
    expect(await profileOf(userId)).toMatchObject({ id: before.id, userId });
    const { rows } = await owner.query(`SELECT user_id FROM customer WHERE store_id = $1`, [otherStore]);
    expect(rows).toEqual([{ user_id: userId }]);
    const updates = await owner.query(
      `SELECT envelope->'data'->>'userId' AS user_id FROM outbox_event WHERE envelope->>'aggregateId' = $1 ORDER BY seq DESC LIMIT 1`,
      [before.id],
    );
    expect(updates.rows).toEqual([{ user_id: userId }]);
  });

  it('attaches orders to an existing customer by email and counts a payment that arrived before its order', async () => {
    const { createCustomer } = await request<{ createCustomer: { customer: CustomerResult } }>(CREATE_CUSTOMER, {
      input: { email: 'Early.Payer@example.com', firstName: 'Early' },
    });
    const orderId = randomUUID();
    const paid = await events.paymentSucceeded(storeId, orderId, 2500);
    await eventually(() => handled('customers-payment-succeeded', paid.id), 10_000, 'the early payment parked');
    expect(await customerByEmail('early.payer@example.com')).toMatchObject({ ordersCount: 0, totalSpent: { amount: 0 } });

    await events.orderCreated(storeId, { email: 'EARLY.PAYER@EXAMPLE.COM', total: 2500, orderId });
    const customer = await settled('early.payer@example.com', { ordersCount: 1 }, 'the order attached');
    expect(customer).toMatchObject({ id: createCustomer.customer.id, firstName: 'Early', totalSpent: { amount: 2500, currencyCode: 'USD' }, userId: null });
    expect(
      Number((await owner.query(`SELECT count(*) AS n FROM customer WHERE store_id = $1 AND lower(email) = 'early.payer@example.com'`, [storeId])).rows[0].n),
    ).toBe(1);
  });

  it('keeps a totalSpent > 1000 AND ordersCount > 5 segment current as orders and refunds arrive', async () => {
    const segment = await createSegment('Big spenders', BIG_SPENDERS);
    expect(segment.userErrors).toEqual([]);
    expect(segment.customerSegment).toMatchObject({ name: 'Big spenders', customerCount: 0, rules: BIG_SPENDERS });
    const segmentId = segment.customerSegment!.id;

    const email = 'loyal@example.com';
    const orders: { orderId: string; paymentId: string }[] = [];
    for (let index = 0; index < 5; index += 1) {
      const order = await events.orderCreated(storeId, { email, total: 250 });
      const payment = await events.paymentSucceeded(storeId, order.aggregateId, 250);
      orders.push({ orderId: order.aggregateId, paymentId: (payment.data as { paymentId: string }).paymentId });
    }
    const five = await settled(email, { ordersCount: 5, totalSpent: { amount: 1250, currencyCode: 'USD' } }, 'five paid orders');
    expect(await members(segmentId)).toEqual([]);

    const sixth = await events.orderCreated(storeId, { email, total: 250 });
    await settled(email, { ordersCount: 6 }, 'the sixth order');
    expect(await members(segmentId)).toEqual([email]);
    expect((await request<{ customerSegment: { customerCount: number } }>(SEGMENT, { id: segmentId })).customerSegment.customerCount).toBe(1);

    // two refunds bring totalSpent to 750: the customer leaves
    await events.paymentRefunded(storeId, orders[0].orderId, 250, orders[0].paymentId);
    await events.paymentRefunded(storeId, orders[1].orderId, 250, orders[1].paymentId);
    await settled(email, { totalSpent: { amount: 750, currencyCode: 'USD' } }, 'the refunds');
    expect(await members(segmentId)).toEqual([]);

    // paying the sixth order is not enough (1000 is not > 1000); one more paid order is
    await events.paymentSucceeded(storeId, sixth.aggregateId, 250);
    await settled(email, { totalSpent: { amount: 1000, currencyCode: 'USD' } }, 'the sixth payment');
    expect(await members(segmentId)).toEqual([]);
    const seventh = await events.orderCreated(storeId, { email, total: 300 });
    await events.paymentSucceeded(storeId, seventh.aggregateId, 300);
    await settled(email, { ordersCount: 7, totalSpent: { amount: 1300, currencyCode: 'USD' } }, 'the seventh order paid');
    expect(await members(segmentId)).toEqual([email]);

    expect(await membershipEvents(segmentId)).toEqual([
      { customer_id: five.id, joined: true },
      { customer_id: five.id, joined: false },
      { customer_id: five.id, joined: true },
    ]);
  });

  it('evaluates ANY rules over tags, default-address country and email, on creation and as customers change', async () => {
    const make = async (email: string, extra: Record<string, unknown> = {}) =>
      (await request<{ createCustomer: { customer: CustomerResult } }>(CREATE_CUSTOMER, { input: { email, ...extra } })).createCustomer.customer;
    const vip = await make('vip@any.test', { tags: ['VIP'] });
    const french = await make('french@any.test');
    await request(CREATE_ADDRESS, {
      input: { customerId: french.id, address: { name: 'Marie', line1: '1 rue de Rivoli', city: 'Paris', postalCode: '75001', countryCode: 'FR' } },
    });
    await make('partner@partner.any.test');
    const plain = await make('plain@any.test', { acceptsMarketing: true });

    const segment = await createSegment('VIP, France or partners', {
      match: 'ANY',
      conditions: [
        { field: 'TAG', operator: 'CONTAINS', value: 'vip' },
        { field: 'COUNTRY', operator: 'EQUALS', value: 'fr' },
        { field: 'EMAIL', operator: 'CONTAINS', value: '@PARTNER.' },
      ],
    });
    expect(segment.userErrors).toEqual([]);
    expect(segment.customerSegment!.rules.conditions[1]).toEqual({ field: 'COUNTRY', operator: 'EQUALS', value: 'FR' });
    const segmentId = segment.customerSegment!.id;
    expect(segment.customerSegment!.customerCount).toBe(3);
    expect(await members(segmentId)).toEqual(['french@any.test', 'partner@partner.any.test', 'vip@any.test']);
    expect((await membershipEvents(segmentId)).filter((event) => event.joined)).toHaveLength(3);

    // changes to a customer re-evaluate their memberships in the same transaction
    await request(UPDATE_CUSTOMER, { input: { id: plain.id, tags: ['vip'] } });
    await request(UPDATE_CUSTOMER, { input: { id: vip.id, tags: [] } });
    expect(await members(segmentId)).toEqual(['french@any.test', 'partner@partner.any.test', 'plain@any.test']);

    // paging through the members
    const page = await request<{ segmentCustomers: { totalCount: number; nodes: { email: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
      SEGMENT_CUSTOMERS,
      { segmentId, first: 2 },
    );
    expect(page.segmentCustomers.totalCount).toBe(3);
    expect(page.segmentCustomers.pageInfo.hasNextPage).toBe(true);
    const rest = await request<{ segmentCustomers: { nodes: { email: string }[]; pageInfo: { hasNextPage: boolean } } }>(SEGMENT_CUSTOMERS, {
      segmentId,
      first: 2,
      after: page.segmentCustomers.pageInfo.endCursor,
    });
    expect([...page.segmentCustomers.nodes, ...rest.segmentCustomers.nodes].map((node) => node.email).sort()).toEqual(await members(segmentId));
    expect(rest.segmentCustomers.pageInfo.hasNextPage).toBe(false);

    // new rules recompute every member
    const updated = (
      await request<{ updateCustomerSegment: SegmentPayload }>(UPDATE_SEGMENT, {
        input: {
          id: segmentId,
          name: 'Marketing, recent',
          rules: {
            match: 'ALL',
            conditions: [
              { field: 'ACCEPTS_MARKETING', operator: 'EQUALS', value: 'true' },
              { field: 'CREATED_AT', operator: 'GREATER_THAN_OR_EQUAL', value: '2020-01-01' },
              { field: 'LAST_ORDER_AT', operator: 'LESS_THAN', value: '2999-12-31T00:00:00Z' },
            ],
          },
        },
      })
    ).updateCustomerSegment;
    expect(updated.userErrors).toEqual([]);
    expect(updated.customerSegment).toMatchObject({ name: 'Marketing, recent', customerCount: 0 });
    expect(updated.customerSegment!.rules.conditions[1].value).toBe('2020-01-01T00:00:00.000Z');
    const withoutOrders = (
      await request<{ updateCustomerSegment: SegmentPayload }>(UPDATE_SEGMENT, {
        input: { id: segmentId, rules: { match: 'ALL', conditions: [{ field: 'ACCEPTS_MARKETING', operator: 'EQUALS', value: 'true' }] } },
      })
    ).updateCustomerSegment;
    expect(withoutOrders.customerSegment!.customerCount).toBe(1);
    expect(await members(segmentId)).toEqual(['plain@any.test']);

    const deleted = await request<{ deleteCustomerSegment: { deletedCustomerSegmentId: string } }>(DELETE_SEGMENT, { input: { id: segmentId } });
    expect(deleted.deleteCustomerSegment.deletedCustomerSegmentId).toBe(segmentId);
    expect((await request<{ customerSegment: unknown }>(SEGMENT, { id: segmentId })).customerSegment).toBeNull();
    expect(Number((await owner.query(`SELECT count(*) AS n FROM customer_segment_member WHERE segment_id = $1`, [segmentId])).rows[0].n)).toBe(0);
  });

  it('rejects rules whose operator does not suit the field or whose value does not parse, writing nothing', async () => {
    const before = Number((await owner.query(`SELECT count(*) AS n FROM customer_segment WHERE store_id = $1`, [storeId])).rows[0].n);
    const invalid = await createSegment('Broken', {
      match: 'ALL',
      conditions: [
        { field: 'TAG', operator: 'GREATER_THAN', value: 'vip' },
        { field: 'TOTAL_SPENT', operator: 'GREATER_THAN', value: 'lots' },
        { field: 'LAST_ORDER_AT', operator: 'LESS_THAN', value: 'yesterday' },
        { field: 'ACCEPTS_MARKETING', operator: 'EQUALS', value: 'yes' },
        { field: 'COUNTRY', operator: 'EQUALS', value: 'France' },
        { field: 'ORDERS_COUNT', operator: 'CONTAINS', value: '5' },
      ],
    });
    expect(invalid.customerSegment).toBeNull();
    expect(invalid.userErrors.map((error) => [error.code, error.field!.join('.')])).toEqual([
      ['INVALID_OPERATOR', 'input.rules.conditions.0.operator'],
      ['INVALID_VALUE', 'input.rules.conditions.1.value'],
      ['INVALID_VALUE', 'input.rules.conditions.2.value'],
      ['INVALID_VALUE', 'input.rules.conditions.3.value'],
      ['INVALID_VALUE', 'input.rules.conditions.4.value'],
      ['INVALID_OPERATOR', 'input.rules.conditions.5.operator'],
    ]);
    const empty = await customers.client(merchant).rawRequest(CREATE_SEGMENT, { input: { name: 'Empty', rules: { match: 'ANY', conditions: [] } } });
    expect(empty.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // values are parameters, never SQL: a value full of SQL is only an odd tag
    const odd = await createSegment('Odd', { match: 'ANY', conditions: [{ field: 'TAG', operator: 'CONTAINS', value: "x') OR true --" }] });
    expect(odd.customerSegment!.customerCount).toBe(0);
    const duplicate = await createSegment('ODD', { match: 'ANY', conditions: [{ field: 'TAG', operator: 'CONTAINS', value: 'y' }] });
    expect(duplicate.userErrors.map((error) => error.code)).toEqual(['NAME_TAKEN']);
    expect(Number((await owner.query(`SELECT count(*) AS n FROM customer_segment WHERE store_id = $1`, [storeId])).rows[0].n)).toBe(before + 1);
  });

  it('handled every event without dead-lettering any (concurrent events of one customer never deadlock)', async () => {
    const { jsm, names } = customers.runtime;
    expect((await jsm.streams.info(names.deadLetterStream())).state.messages).toBe(0);
  });
});
