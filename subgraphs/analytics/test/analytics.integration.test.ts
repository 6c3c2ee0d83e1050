import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { inScope, Role, type EventEnvelope } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { eventually } from '../../kit/test/support/test-names';
import { analyticsSubgraph } from '../src/analytics.subgraph';
import { applyOnce } from '../src/rollup/applier';
import { APPLIERS } from '../src/rollup/appliers';
import { rebuildRollups } from '../src/rebuild/rebuild-rollups';
import { pruneAppliedEvents } from '../src/rollup/applied-event-pruner';
import { analyticsEvents } from './support/analytics-events';
import {
  CUSTOMER_REPORT,
  SALES_REPORT,
  STOCK_VALUE,
  TOP_PRODUCTS,
  TOP_VARIANTS,
  type SalesReportResult,
  type TopItemsResult,
} from './support/analytics-operations';

describe('analytics subgraph', () => {
  let analytics: TestSubgraph;
  let owner: DataSource;
  const events = analyticsEvents(() => analytics);
  const storeId = randomUUID();
  const otherStoreId = randomUUID();
  const merchant = tokenFor([Role.MERCHANT], storeId);
  const otherMerchant = tokenFor([Role.MERCHANT], otherStoreId);
  const [p1, v1, v2, p2, v9] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const [orderA, orderB, orderC, orderD] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const december = { from: '2026-12-01', to: '2026-12-07' };
  /** Events published once in beforeAll, sent again by the redelivery test. */
  const replayable: EventEnvelope[] = [];

  const ask = <T>(token: string | undefined, query: string, variables: Record<string, unknown> = {}, store = storeId) =>
    analytics.client(token, { 'x-store-id': store }).rawRequest<T>(query, variables);
  const data = async <T>(token: string | undefined, query: string, variables: Record<string, unknown> = {}, store = storeId): Promise<T> => {
    const result = await ask<T>(token, query, variables, store);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const sales = async (input: Record<string, unknown>, token = merchant, store = storeId) =>
    (await data<{ salesReport: SalesReportResult }>(token, SALES_REPORT, { input }, store)).salesReport;
  /** Every durable consumer of the suite has no message left to deliver or to be acknowledged. */
  const caughtUp = async (): Promise<boolean> => {
    const { jsm, names } = analytics.runtime;
    for await (const stream of jsm.streams.names()) {
      if (!stream.startsWith(names.stream(''))) continue;
      for await (const consumer of jsm.consumers.list(stream)) {
        if (consumer.config.durable_name && (consumer.num_pending > 0 || consumer.num_ack_pending > 0)) return false;
      }
    }
    return true;
  };
  /** The report and lists a rebuild must give back exactly. */
  const everything = async (token = merchant, store = storeId) => ({
    sales: await sales({ ...december, granularity: 'WEEK', compareToPreviousPeriod: true }, token, store),
    variants: (await data<{ topVariants: TopItemsResult }>(token, TOP_VARIANTS, { input: { from: '2026-11-01', to: '2026-12-31' } }, store)).topVariants,
    customers: (await data<{ customerReport: unknown }>(token, CUSTOMER_REPORT, { input: { from: '2026-11-01', to: '2026-12-31' } }, store)).customerReport,
    stock: (await data<{ stockValue: unknown }>(token, STOCK_VALUE, {}, store)).stockValue,
  });

  beforeAll(async () => {
    analytics = await startTestSubgraph(analyticsSubgraph);
    owner = await openOwnerConnection(analytics.runtime.config);
    // a store in Auckland (UTC+13 in December), paying in NZD
    await events.storeCreated(storeId, 'Pacific/Auckland', 'NZD');
    await events.storeCreated(otherStoreId, 'UTC', 'EUR');
    await eventually(
      async () => (await owner.query(`SELECT 1 FROM store_profile WHERE store_id = ANY($1)`, [[storeId, otherStoreId]])).length === 2,
      15_000,
      'the stores',
    );

    // order A: placed 2026-11-30 12:30 UTC = 2026-12-01 01:30 in Auckland; its payment is heard before the order
    replayable.push(await events.paid('payments.succeeded', storeId, orderA, 6000, 'NZD', '2026-11-30T12:31:00Z'));
    const createdA = await events.orderCreated(
      storeId,
      orderA,
      {
        email: 'ann@example.com',
        currencyCode: 'NZD',
        shipping: 500,
        tax: 300,
        orderDiscount: 100,
        lines: [
          { productId: p1, variantId: v1, title: 'Kettle', quantity: 2, unitPrice: 1500, discount: 200 },
          { productId: p1, variantId: v2, title: 'Kettle', quantity: 1, unitPrice: 2500 },
        ],
      },
      '2026-11-30T12:30:00Z',
    );
    replayable.push(createdA);
    // order B: the same shopper (email case differs), captured on a manual-capture store, 2026-12-03 in Auckland
    await events.orderCreated(
      storeId,
      orderB,
      {
        email: 'Ann@Example.com',
        currencyCode: 'NZD',
        shipping: 0,
        tax: 0,
        lines: [{ productId: p2, variantId: p2, title: 'Teapot', quantity: 4, unitPrice: 1000 }],
      },
      '2026-12-03T02:00:00Z',
    );
    await events.paid('payments.captured', storeId, orderB, 4000, 'NZD', '2026-12-05T02:00:00Z');
    // order C is never paid: placed, not sold
    await events.orderCreated(
      storeId,
      orderC,
      {
        email: 'cy@example.com',
        currencyCode: 'NZD',
        shipping: 0,
        tax: 0,
        lines: [{ productId: p2, variantId: p2, title: 'Teapot', quantity: 1, unitPrice: 1000 }],
      },
      '2026-12-03T03:00:00Z',
    );
    // order D, the week before: Bob's only order
    await events.orderCreated(
      storeId,
      orderD,
      {
        email: 'bob@example.com',
        currencyCode: 'NZD',
        shipping: 0,
        tax: 0,
        lines: [{ productId: p2, variantId: p2, title: 'Teapot', quantity: 1, unitPrice: 1000 }],
      },
      '2026-11-25T01:00:00Z',
    );
    await events.paid('payments.succeeded', storeId, orderD, 1000, 'NZD', '2026-11-25T01:01:00Z');
    // 10.00 of order A refunded on 2026-12-02 in Auckland
    replayable.push(await events.refunded(storeId, orderA, 'ann@example.com', 1000, 'NZD', '2026-12-02T00:00:00Z'));
    replayable.push(await events.cartCreated(storeId, '2026-12-01T01:00:00Z'));
    await events.cartCreated(storeId, '2026-12-01T02:00:00Z');
    await events.checkoutCompleted(storeId, '2026-12-01T03:00:00Z');
    // stock: V1 10 × 15.00, V2 4 × 25.00, V9 7 units with no price known
    await events.productPrices(storeId, p1, 2, [
      { variantId: v1, price: 1500, currencyCode: 'NZD' },
      { variantId: v2, price: 2500, currencyCode: 'NZD' },
    ]);
    await events.stockChanged(storeId, p1, v1, 10, 5);
    await events.stockChanged(storeId, p1, v2, 4, 6);
    await events.stockChanged(storeId, randomUUID(), v9, 7, 1);
    // another store's sale, which must never show in the first one's figures
    const otherOrder = randomUUID();
    await events.orderCreated(
      otherStoreId,
      otherOrder,
      {
        email: 'eve@example.com',
        currencyCode: 'EUR',
        shipping: 0,
        tax: 0,
        lines: [{ productId: p2, variantId: p2, title: 'Teapot', quantity: 9, unitPrice: 777 }],
      },
      '2026-12-02T10:00:00Z',
    );
    await events.paid('payments.succeeded', otherStoreId, otherOrder, 6993, 'EUR', '2026-12-02T10:01:00Z');
    await eventually(async () => (await caughtUp()) && (await sales(december)).totals.ordersPlaced === 3, 30_000, 'every event to be applied');
  });

  afterAll(async () => {
    await owner?.destroy();
    await analytics?.close();
  });

  it('sums the paid orders and refunds of the period into the store’s own days, with the previous period and the change', async () => {
    const report = await sales({ ...december, compareToPreviousPeriod: true });
    expect(report).toMatchObject({ from: '2026-12-01', to: '2026-12-07', timezone: 'Pacific/Auckland', currencyCode: 'NZD', granularity: 'DAY' });
    expect(report.totals).toEqual({
      grossSales: { amount: 9500, currencyCode: 'NZD' },
      discounts: { amount: 300 },
      shipping: { amount: 500 },
      taxes: { amount: 300 },
      totalSales: { amount: 10000, currencyCode: 'NZD' },
      refunds: { amount: 1000 },
      netSales: { amount: 9000 },
      ordersCount: 2,
      ordersPlaced: 3,
      averageOrderValue: { amount: 5000 },
      units: 7,
      newCustomerOrders: 1,
      returningCustomerOrders: 1,
      cartsCreated: 2,
      checkoutsCompleted: 1,
      cartConversionRate: 0.5,
    });
    // order A lands on 2026-12-01 (Auckland), not on 2026-11-30 (UTC); B on the day it was placed, not the day it was captured
    const byDay = Object.fromEntries(report.buckets.map((bucket) => [bucket.label, bucket.figures]));
    expect(report.buckets).toHaveLength(7);
    expect([byDay['2026-12-01'].totalSales.amount, byDay['2026-12-02'].refunds.amount, byDay['2026-12-03'].totalSales.amount]).toEqual([6000, 1000, 4000]);
    expect(byDay['2026-12-05'].totalSales.amount).toBe(0);
    expect(report.previousPeriod).toMatchObject({ from: '2026-11-24', to: '2026-11-30', totals: { totalSales: { amount: 1000 }, ordersCount: 1 } });
    expect(report.change).toEqual({
      netSales: { difference: 8000, ratio: 8 },
      ordersCount: { difference: 1, ratio: 1 },
      totalSales: { difference: 9000, ratio: 9 },
    });
  });

  it('sums days into ISO weeks and months, clipped to the period', async () => {
    const weeks = await sales({ ...december, granularity: 'WEEK' });
    expect(weeks.buckets.map((bucket) => [bucket.label, bucket.from, bucket.to, bucket.figures.totalSales.amount])).toEqual([
      ['2026-W49', '2026-12-01', '2026-12-06', 10000],
      ['2026-W50', '2026-12-07', '2026-12-07', 0],
    ]);
    const months = await sales({ from: '2026-11-20', to: '2026-12-07', granularity: 'MONTH' });
    expect(months.buckets.map((bucket) => [bucket.label, bucket.figures.totalSales.amount, bucket.figures.netSales.amount])).toEqual([
      ['2026-11', 1000, 1000],
      ['2026-12', 10000, 9000],
    ]);
  });

  it('ranks products and variants by revenue and by units', async () => {
    const top = async (query: string, by: string) =>
      Object.values(await data<Record<string, TopItemsResult>>(merchant, query, { input: { ...december, by, first: 10 } }))[0].items.map((item) => [
        item.variantId ?? item.productId,
        item.revenue.amount,
        item.units,
      ]);
    expect(await top(TOP_PRODUCTS, 'REVENUE')).toEqual([
      [p1, 5300, 3],
      [p2, 4000, 4],
    ]);
    expect(await top(TOP_PRODUCTS, 'UNITS')).toEqual([
      [p2, 4000, 4],
      [p1, 5300, 3],
    ]);
    expect(await top(TOP_VARIANTS, 'REVENUE')).toEqual([
      [p2, 4000, 4],
      [v1, 2800, 2],
      [v2, 2500, 1],
    ]);
    const first = await data<{ topVariants: TopItemsResult }>(merchant, TOP_VARIANTS, { input: { ...december, by: 'UNITS', first: 1 } });
    expect(first.topVariants.items.map((item) => item.variantId)).toEqual([p2]);
  });

  it('tells new from returning customers and gives the repeat rate and lifetime value', async () => {
    const report = async (from: string, to: string) =>
      (await data<{ customerReport: unknown }>(merchant, CUSTOMER_REPORT, { input: { from, to } })).customerReport;
    expect(await report(december.from, december.to)).toEqual({
      customers: 1,
      newCustomers: 1,
      returningCustomers: 0,
      repeatCustomerRate: 1,
      averageLifetimeValue: { amount: 9000, currencyCode: 'NZD' },
      averageOrdersPerCustomer: 2,
    });
    expect(await report('2026-11-24', december.to)).toEqual({
      customers: 2,
      newCustomers: 2,
      returningCustomers: 0,
      repeatCustomerRate: 0.5,
      averageLifetimeValue: { amount: 5000, currencyCode: 'NZD' },
      averageOrdersPerCustomer: 1.5,
    });
  });

  it('values the stock on hand at current prices, newest product version winning', async () => {
    expect((await data<{ stockValue: unknown }>(merchant, STOCK_VALUE)).stockValue).toEqual({
      value: { amount: 25000, currencyCode: 'NZD' },
      units: 14,
      variants: 2,
      unpricedUnits: 7,
    });
    // V2 leaves the product (version 3); then a stale version 1 must change nothing
    await events.productPrices(storeId, p1, 3, [{ variantId: v1, price: 1500, currencyCode: 'NZD' }]);
    await events.productPrices(storeId, p1, 1, [{ variantId: v1, price: 1, currencyCode: 'NZD' }]);
    await eventually(
      async () => (await caughtUp()) && (await data<{ stockValue: { unpricedUnits: number } }>(merchant, STOCK_VALUE)).stockValue.unpricedUnits === 11,
      15_000,
      'V2 to lose its price',
    );
    expect((await data<{ stockValue: unknown }>(merchant, STOCK_VALUE)).stockValue).toEqual({
      value: { amount: 15000, currencyCode: 'NZD' },
      units: 10,
      variants: 1,
      unpricedUnits: 11,
    });
  });

  it('counts nothing twice: a redelivered event and an event applied again change no figure', async () => {
    const before = await everything();
    // the same events again under new message ids: JetStream delivers each a second time, the consumers must skip them
    for (const event of replayable) await events.republish(event);
    await eventually(caughtUp, 15_000, 'the redeliveries to be handled');
    expect(await everything()).toEqual(before);
    // analytics' own record refuses an event id applied before (what a rebuild racing a consumer relies on)
    const refund = replayable.find((event) => event.type === 'payments.refunded')!;
    const applier = APPLIERS.find((candidate) => candidate.eventType === 'payments.refunded')!;
    expect(await inScope(analytics.runtime.dataSource, storeId, (manager) => applyOnce(manager, refund, applier.apply))).toBe(false);
    expect(await everything()).toEqual(before);
  });

  it('keeps each store’s figures to its own staff', async () => {
    const other = await sales(december, otherMerchant, otherStoreId);
    expect(other.totals).toMatchObject({ totalSales: { amount: 6993, currencyCode: 'EUR' }, ordersCount: 1, units: 9, refunds: { amount: 0 } });
    // the first store's merchant naming the other store is a customer there: refused
    const foreign = await ask(merchant, SALES_REPORT, { input: december }, otherStoreId);
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const shopper = await ask(tokenFor([Role.CUSTOMER], storeId), SALES_REPORT, { input: december });
    expect(shopper.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await ask(undefined, STOCK_VALUE);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // a platform admin names the store
    const admin = await sales(december, tokenFor([Role.PLATFORM_ADMIN], null), storeId);
    expect(admin.totals.totalSales.amount).toBe(10000);
  });

  it('refuses a bad or too long period with BAD_USER_INPUT naming the field', async () => {
    const refused = async (input: Record<string, unknown>) => {
      const result = await ask(merchant, SALES_REPORT, { input });
      return [result.errors?.[0].extensions?.code, (result.errors?.[0].extensions?.fields as { field: string[] }[] | undefined)?.[0]?.field];
    };
    expect(await refused({ from: '2024-01-01', to: '2026-12-31' })).toEqual(['BAD_USER_INPUT', ['input', 'to']]);
    expect(await refused({ from: '2026-12-07', to: '2026-12-01' })).toEqual(['BAD_USER_INPUT', ['input', 'to']]);
    expect(await refused({ from: '2026-02-30', to: '2026-03-01' })).toEqual(['BAD_USER_INPUT', ['input', 'from']]);
    expect(await refused({ from: 'yesterday', to: '2026-03-01' })).toEqual(['BAD_USER_INPUT', ['input', 'from']]);
    const tooMany = await ask(merchant, TOP_PRODUCTS, { input: { ...december, first: 101 } });
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('forgets applied event ids only once the streams can no longer deliver them', async () => {
    const old = randomUUID();
    const recent = randomUUID();
    // one applied a minute before the streams' retention ends, one a minute after it ended
    const retention = analytics.runtime.config.eventStorage.streamMaxAgeMs;
    await owner.query(
      `INSERT INTO applied_event (event_id, store_id, event_type, applied_at)
       VALUES ($1, $3, 'orders.created', now() - make_interval(secs => $4::double precision / 1000)),
              ($2, $3, 'orders.created', now() - make_interval(secs => $5::double precision / 1000))`,
      [old, recent, otherStoreId, retention + 60_000, retention - 60_000],
    );
    expect(await pruneAppliedEvents(analytics.runtime)).toBe(1);
    const left = await owner.query(`SELECT event_id FROM applied_event WHERE event_id = ANY($1)`, [[old, recent]]);
    expect(left).toEqual([{ event_id: recent }]);
    await owner.query(`DELETE FROM applied_event WHERE event_id = $1`, [recent]);
  });

  it('rebuilds one store’s rollups, then every store’s, from the event streams to the same figures', async () => {
    const before = await everything();
    const otherBefore = await everything(otherMerchant, otherStoreId);
    // damage the first store's rollups: a rebuild must put them back from the events alone
    await owner.query(`DELETE FROM sales_day WHERE store_id = $1`, [storeId]);
    await owner.query(`UPDATE product_day SET units = 999 WHERE store_id = $1`, [storeId]);
    await owner.query(`DELETE FROM variant_price WHERE store_id = $1`, [storeId]);
    expect((await sales(december)).totals.totalSales.amount).toBe(0);

    const { dataSource, js, jsm, names, logger } = analytics.runtime;
    const one = await rebuildRollups({ dataSource, js, jsm, names, logger, storeId });
    expect(one.applied['orders.created']).toBe(4);
    expect(one.applied['payments.refunded']).toBe(1);
    expect(await everything()).toEqual(before);
    expect(await everything(otherMerchant, otherStoreId)).toEqual(otherBefore);

    const all = await rebuildRollups({ dataSource, js, jsm, names, logger });
    expect(all.applied['orders.created']).toBe(5);
    expect(await everything()).toEqual(before);
    expect(await everything(otherMerchant, otherStoreId)).toEqual(otherBefore);
  });
});
