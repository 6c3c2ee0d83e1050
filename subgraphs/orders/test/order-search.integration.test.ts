import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { gql } from 'graphql-request';
import { inScope, Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { ordersSubgraph } from '../src/orders.subgraph';
import { Order } from '../src/order/order.entity';
import { applyOrderFilter } from '../src/search/order-search';
import type { OrderFilter } from '../src/search/order-search.inputs';
import { checkoutSnapshot, shopperFields, upstreamEvents } from './support/order-operations';

const SEARCH = gql`
  query ($filter: OrderFilter, $sort: OrderSort, $first: Int, $after: String, $last: Int, $before: String) {
    orders(filter: $filter, sort: $sort, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      nodes {
        id
        tags
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`;
const SET_TAGS = gql`
  mutation ($input: SetOrderTagsInput!) {
    setOrderTags(input: $input) {
      order {
        id
        tags
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;
const ADD_TAGS = gql`
  mutation ($input: AddOrderTagsInput!) {
    addOrderTags(input: $input) {
      order {
        tags
      }
      userErrors {
        code
        field
      }
    }
  }
`;
const REMOVE_TAGS = gql`
  mutation ($input: RemoveOrderTagsInput!) {
    removeOrderTags(input: $input) {
      order {
        tags
      }
      userErrors {
        code
      }
    }
  }
`;

interface Page {
  totalCount: number;
  nodes: { id: string; tags: string[] }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}
type TagsPayload = { order: { id: string; tags: string[] } | null; userErrors: { code: string; field: string[] | null; message: string }[] };

/** What each seeded order of store A is: distinct statuses, payments, dates, numbers, emails, customers, tags, totals. */
const SEED = [
  { key: 'o1', status: 'CREATED', payment: 'UNPAID', day: 1, number: 7, email: 'Ann@Example.com', customer: 'x', total: 1000, tags: ['VIP'], updated: 2 },
  {
    key: 'o2',
    status: 'CONFIRMED',
    payment: 'PAID',
    day: 2,
    number: 70,
    email: 'bob@example.com',
    customer: null,
    total: 2000,
    tags: ['vip', ' Wholesale '],
    updated: 4,
  },
  {
    key: 'o3',
    status: 'CANCELLED',
    payment: 'UNPAID',
    day: 3,
    number: 705,
    email: 'ann@example.com',
    customer: 'x',
    total: 3000,
    tags: ['wholesale'],
    updated: 1,
  },
  { key: 'o4', status: 'CONFIRMED', payment: 'REFUNDED', day: 4, number: 8, email: 'cat@example.com', customer: 'y', total: 4000, tags: [], updated: 5 },
  { key: 'o5', status: 'COMPLETED', payment: 'PAID', day: 5, number: 1700, email: 'dan@example.com', customer: null, total: 5000, tags: ['gift'], updated: 3 },
] as const;
type Key = (typeof SEED)[number]['key'];

describe('orders: order search for staff', () => {
  const storeA = randomUUID();
  const storeB = randomUUID();
  const customerX = randomUUID();
  const customerY = randomUUID();
  const staffA = tokenFor([Role.STORE_STAFF], storeA);
  const staffB = tokenFor([Role.MERCHANT], storeB);
  const shopperX = tokenFor([Role.CUSTOMER], storeA, customerX);
  let orders: TestSubgraph;
  let owner: DataSource;
  const events = upstreamEvents(() => orders);
  const ids = {} as Record<Key, string>;
  const keyOf = (id: string) => (Object.keys(ids) as Key[]).find((key) => ids[key] === id) ?? `other:${id}`;

  const raw = (token: string, query: string, variables: Record<string, unknown>) => orders.client(token).rawRequest<Record<string, unknown>>(query, variables);
  const search = async (variables: Record<string, unknown>, token = staffA): Promise<Page> => {
    const result = await raw(token, SEARCH, variables);
    expect(result.errors).toBeUndefined();
    return result.data.orders as Page;
  };
  /** The keys of the orders a search returns, in its order. */
  const found = async (filter: Record<string, unknown>, sort: Record<string, unknown> = { field: 'CREATED_AT', direction: 'ASC' }, token = staffA) =>
    (await search({ filter, sort, first: 100 }, token)).nodes.map((node) => keyOf(node.id));
  const errorCodes = async (variables: Record<string, unknown>) => {
    const result = await raw(staffA, SEARCH, variables).catch((error: { response: { errors: { extensions: { code: string } }[] } }) => error.response);
    return (result.errors ?? []).map((error) => error.extensions?.code);
  };
  const tagsMutation = async (document: string, input: Record<string, unknown>, token = staffA): Promise<TagsPayload> => {
    const result = await raw(token, document, { input });
    expect(result.errors).toBeUndefined();
    return Object.values(result.data)[0] as TagsPayload;
  };

  beforeAll(async () => {
    orders = await startTestSubgraph(ordersSubgraph);
    owner = await openOwnerConnection(orders.runtime.config);
    const [productA, productB] = await Promise.all([events.product(storeA), events.product(storeB)]);
    for (const seed of SEED) {
      const customerId = seed.customer === 'x' ? customerX : seed.customer === 'y' ? customerY : undefined;
      const { order } = await events.checkout(
        storeA,
        checkoutSnapshot([{ productId: productA, unitPrice: seed.total }], { ...shopperFields(customerId ? { customerId } : {}), email: seed.email }),
      );
      ids[seed.key] = order!.id;
      if (seed.tags.length > 0) expect((await tagsMutation(SET_TAGS, { orderId: order!.id, tags: seed.tags })).userErrors).toEqual([]);
      await owner.query(`UPDATE customer_order SET status = $2, payment_status = $3, number = $4, created_at = $5, updated_at = $6 WHERE id = $1`, [
        order!.id,
        seed.status,
        seed.payment,
        seed.number,
        `2026-01-0${seed.day}T12:00:00Z`,
        `2026-02-0${seed.updated}T12:00:00Z`,
      ]);
    }
    await owner.query(`UPDATE customer_order SET fulfillment_status = CASE id WHEN $1 THEN 'PARTIALLY_FULFILLED' ELSE 'DELIVERED' END WHERE id IN ($1, $2)`, [
      ids.o2,
      ids.o5,
    ]);
    // store B: orders that match every filter above but must never show up in store A's searches
    for (const number of [7, 70]) {
      const { order } = await events.checkout(
        storeB,
        checkoutSnapshot([{ productId: productB, unitPrice: 2000 }], { ...shopperFields({ customerId: customerX }), email: 'ann@example.com' }),
      );
      expect((await tagsMutation(SET_TAGS, { orderId: order!.id, tags: ['vip', 'wholesale', 'gift'] }, staffB)).userErrors).toEqual([]);
      await owner.query(
        `UPDATE customer_order SET status = 'CONFIRMED', payment_status = 'PAID', number = $2, created_at = '2026-01-02T13:00:00Z' WHERE id = $1`,
        [order!.id, number],
      );
    }
  });
  afterAll(async () => {
    await owner?.destroy();
    await orders?.close();
  });

  it('filters by status, payment status, created-at range, number, number prefix, email, customer, tags and total', async () => {
    expect(await found({})).toEqual(['o1', 'o2', 'o3', 'o4', 'o5']);
    expect(await found({ statuses: ['CONFIRMED'] })).toEqual(['o2', 'o4']);
    expect(await found({ statuses: ['CONFIRMED', 'CANCELLED'] })).toEqual(['o2', 'o3', 'o4']);
    expect(await found({ status: 'COMPLETED' })).toEqual(['o5']);
    expect(await found({ paymentStatuses: ['PAID'] })).toEqual(['o2', 'o5']);
    expect(await found({ paymentStatuses: ['UNPAID', 'REFUNDED'] })).toEqual(['o1', 'o3', 'o4']);
    expect(await found({ fulfillmentStatuses: ['PARTIALLY_FULFILLED'] })).toEqual(['o2']);
    expect(await found({ fulfillmentStatuses: ['UNFULFILLED'] })).toEqual(['o1', 'o3', 'o4']);
    expect(await found({ fulfillmentStatuses: ['DELIVERED', 'PARTIALLY_FULFILLED'] })).toEqual(['o2', 'o5']);
    expect(await found({ dateFrom: '2026-01-02T00:00:00Z', dateTo: '2026-01-04T00:00:00Z' })).toEqual(['o2', 'o3']);
    expect(await found({ dateFrom: '2026-01-04T00:00:00Z' })).toEqual(['o4', 'o5']);
    expect(await found({ orderNumber: '#70' })).toEqual(['o2']);
    expect(await found({ orderNumber: '705' })).toEqual(['o3']);
    expect(await found({ orderNumberPrefix: '7' })).toEqual(['o1', 'o2', 'o3']);
    expect(await found({ orderNumberPrefix: '#70' })).toEqual(['o2', 'o3']);
    expect(await found({ email: 'ANN@example.COM' })).toEqual(['o1', 'o3']);
    expect(await found({ customerId: customerX })).toEqual(['o1', 'o3']);
    expect(await found({ tagsAny: ['VIP', 'gift'] })).toEqual(['o1', 'o2', 'o5']);
    expect(await found({ tagsAll: ['vip', 'wholesale'] })).toEqual(['o2']);
    expect(await found({ tagsAll: ['wholesale'] })).toEqual(['o2', 'o3']);
    expect(await found({ totalMin: 2000, totalMax: 4000 })).toEqual(['o2', 'o3', 'o4']);
    expect(await found({ totalMax: 1000 })).toEqual(['o1']);
    expect(await found({ statuses: ['CONFIRMED'], tagsAny: ['vip'] })).toEqual(['o2']);
    expect(await found({ email: 'nobody@example.com' })).toEqual([]);
  });

  it('sorts by created-at, number, total and updated-at, both ways', async () => {
    expect(await found({}, { field: 'CREATED_AT', direction: 'DESC' })).toEqual(['o5', 'o4', 'o3', 'o2', 'o1']);
    expect(await found({}, { field: 'NUMBER', direction: 'ASC' })).toEqual(['o1', 'o4', 'o2', 'o3', 'o5']);
    expect(await found({}, { field: 'NUMBER', direction: 'DESC' })).toEqual(['o5', 'o3', 'o2', 'o4', 'o1']);
    expect(await found({}, { field: 'TOTAL', direction: 'DESC' })).toEqual(['o5', 'o4', 'o3', 'o2', 'o1']);
    expect(await found({}, { field: 'UPDATED_AT', direction: 'ASC' })).toEqual(['o3', 'o1', 'o5', 'o2', 'o4']);
    // newest first when no sort is given
    expect((await search({ first: 100 })).nodes.map((node) => keyOf(node.id))).toEqual(['o5', 'o4', 'o3', 'o2', 'o1']);
  });

  it('pages forward and backward with cursors, counting every match', async () => {
    const sort = { field: 'NUMBER', direction: 'ASC' };
    const first = await search({ sort, first: 2 });
    expect([first.totalCount, first.nodes.map((node) => keyOf(node.id)), first.pageInfo.hasNextPage, first.pageInfo.hasPreviousPage]).toEqual([
      5,
      ['o1', 'o4'],
      true,
      false,
    ]);
    const second = await search({ sort, first: 2, after: first.pageInfo.endCursor });
    expect(second.nodes.map((node) => keyOf(node.id))).toEqual(['o2', 'o3']);
    const third = await search({ sort, first: 2, after: second.pageInfo.endCursor });
    expect([third.nodes.map((node) => keyOf(node.id)), third.pageInfo.hasNextPage]).toEqual([['o5'], false]);

    const last = await search({ sort, last: 2 });
    expect([last.nodes.map((node) => keyOf(node.id)), last.pageInfo.hasPreviousPage, last.pageInfo.hasNextPage]).toEqual([['o3', 'o5'], true, false]);
    const before = await search({ sort, last: 2, before: last.pageInfo.startCursor });
    expect([before.nodes.map((node) => keyOf(node.id)), before.pageInfo.hasPreviousPage, before.pageInfo.hasNextPage]).toEqual([['o4', 'o2'], true, true]);
    const start = await search({ sort, last: 2, before: before.pageInfo.startCursor });
    expect([start.nodes.map((node) => keyOf(node.id)), start.pageInfo.hasPreviousPage]).toEqual([['o1'], false]);
    // a filtered list pages too
    const confirmed = await search({ filter: { statuses: ['CONFIRMED'] }, sort, last: 1 });
    expect([confirmed.totalCount, confirmed.nodes.map((node) => keyOf(node.id))]).toEqual([2, ['o2']]);
  });

  it('answers bad paging and bad ranges with BAD_USER_INPUT', async () => {
    expect(await errorCodes({ first: 101 })).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes({ last: 101 })).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes({ last: 0 })).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes({ first: 2, last: 2 })).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes({ first: 2, after: 'not-a-cursor' })).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes({ last: 2, before: Buffer.from('["x","y"]').toString('base64url') })).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes({ filter: { dateFrom: '2026-01-04T00:00:00Z', dateTo: '2026-01-02T00:00:00Z' } })).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes({ filter: { totalMin: 4000, totalMax: 2000 } })).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes({ filter: { orderNumberPrefix: 'abc' } })).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes({ filter: { tagsAny: ['  '] } })).toEqual(['BAD_USER_INPUT']);
  });

  it('shows a shopper only their own orders, whatever they filter on', async () => {
    expect(await found({}, undefined, shopperX)).toEqual(['o1', 'o3']);
    expect(await found({ customerId: customerY }, undefined, shopperX)).toEqual([]);
    expect(await found({ tagsAny: ['vip'] }, undefined, shopperX)).toEqual(['o1']);
  });

  it('serves each filter from an index on the store’s rows', async () => {
    // a store big enough for the planner to choose between indexes: 20,000 orders of varied statuses, payments,
    // emails, customers, totals, dates and tags (written as the owner, straight into the tables)
    const storeC = randomUUID();
    const customers = Array.from({ length: 200 }, () => randomUUID());
    await owner.query(
      `INSERT INTO customer_order (store_id, number, customer_id, email, currency_code, subtotal_amount, shipping_amount, tax_amount, discount_amount,
         total_amount, status, payment_status, reservation_status, idempotency_key, created_at, updated_at)
       SELECT $1, n, ($2::uuid[])[1 + n % 200], 'shopper' || n || '@example.com', 'USD', n, 0, 0, 0, n,
         (ARRAY['CREATED','PAYMENT_PENDING','PAYMENT_FAILED','CONFIRMED','DISPATCHED','COMPLETED','CANCELLED','REFUNDED'])[1 + n % 8],
         (ARRAY['UNPAID','PENDING','PAID','FAILED','REFUNDED'])[1 + n % 5], 'PENDING', 'seed-' || n,
         timestamptz '2025-01-01' + n * interval '1 hour', timestamptz '2025-01-01' + n * interval '1 hour'
       FROM generate_series(1, 20000) n`,
      [storeC, customers],
    );
    await owner.query(`INSERT INTO order_tag (store_id, order_id, tag) SELECT store_id, id, 'tag' || (number % 500) FROM customer_order WHERE store_id = $1`, [
      storeC,
    ]);
    await owner.query('ANALYZE customer_order');
    await owner.query('ANALYZE order_tag');
    const expectations: [OrderFilter, string][] = [
      [{ statuses: ['CONFIRMED'] } as OrderFilter, 'customer_order_store_status'],
      [{ paymentStatuses: ['PAID'] } as OrderFilter, 'customer_order_store_payment_status'],
      [{ fulfillmentStatuses: ['DELIVERED'] } as OrderFilter, 'customer_order_store_fulfillment_status'],
      [{ email: 'Shopper77@example.com' }, 'customer_order_store_email'],
      [{ orderNumber: '70' }, 'customer_order_number'],
      [{ orderNumberPrefix: '70' }, 'customer_order_number'],
      [{ customerId: customers[3] }, 'customer_order_store_customer_created'],
      [{ tagsAny: ['tag7'] }, 'order_tag_pkey'],
      [{ tagsAll: ['tag7'] }, 'order_tag_pkey'],
      [{ totalMin: 2000, totalMax: 2100 }, 'customer_order_store_total'],
      [{ dateFrom: new Date('2025-01-02T00:00:00Z'), dateTo: new Date('2025-01-03T00:00:00Z') }, 'customer_order_store_created'],
    ];
    const plans: Record<string, string> = {};
    for (const [filter] of expectations) {
      plans[JSON.stringify(filter)] = await inScope(orders.runtime.dataSource, storeC, async (manager) => {
        const query = manager.getRepository(Order).createQueryBuilder('o').where('o.store_id = :storeId', { storeId: storeC });
        applyOrderFilter(query, filter);
        const [sql, parameters] = query.getQueryAndParameters();
        const rows: { 'QUERY PLAN': string }[] = await manager.query(`EXPLAIN ${sql}`, parameters);
        return rows.map((row) => row['QUERY PLAN']).join('\n');
      });
    }
    expect(expectations.map(([filter, index]) => [filter, plans[JSON.stringify(filter)].includes(index) ? index : plans[JSON.stringify(filter)]])).toEqual(
      expectations,
    );
  });

  it('lets the store’s staff tag orders, normalised and bounded; others change nothing', async () => {
    const orderId = ids.o4;
    const tagRows = () => owner.query(`SELECT tag FROM order_tag WHERE order_id = $1 ORDER BY tag`, [orderId]);
    expect(await tagsMutation(ADD_TAGS, { orderId, tags: ['  Rush   Order ', 'B2B', 'rush order'] })).toEqual({
      order: { tags: ['b2b', 'rush order'] },
      userErrors: [],
    });
    expect(await tagsMutation(REMOVE_TAGS, { orderId, tags: ['B2B', 'never-there'] })).toEqual({ order: { tags: ['rush order'] }, userErrors: [] });
    expect(await found({ tagsAny: ['rush order'] })).toEqual(['o4']);

    const before = await tagRows();
    const invalid = await tagsMutation(SET_TAGS, { orderId, tags: ['ok', 'x'.repeat(41), 'a,b'] });
    expect(invalid.order).toBeNull();
    expect(invalid.userErrors.map((error) => [error.code, error.field])).toEqual([
      ['INVALID_TAG', ['input', 'tags', '1']],
      ['INVALID_TAG', ['input', 'tags', '2']],
    ]);
    const fifty = Array.from({ length: 50 }, (_, index) => `t${index}`);
    expect((await tagsMutation(ADD_TAGS, { orderId, tags: fifty })).userErrors).toEqual([{ code: 'TOO_MANY_TAGS', field: ['input', 'tags'] }]);
    expect(await tagRows()).toEqual(before);

    // another store's staff: no such order; a shopper: not a staff mutation at all
    expect((await tagsMutation(SET_TAGS, { orderId, tags: ['mine'] }, staffB)).userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    const shopper = await raw(shopperX, SET_TAGS, { input: { orderId: ids.o1, tags: ['mine'] } }).catch(
      (error: { response: { errors: { extensions: { code: string } }[] } }) => error.response,
    );
    expect(shopper.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await tagRows()).toEqual(before);
    expect(await owner.query(`SELECT tag FROM order_tag WHERE order_id = $1`, [ids.o1])).toEqual([{ tag: 'vip' }]);
  });
});
