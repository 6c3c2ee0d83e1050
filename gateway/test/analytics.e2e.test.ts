import { randomUUID } from 'node:crypto';
import { GraphQLClient } from 'graphql-request';
import type { Stack } from '../../scripts/lib/stack';
import { acquireStack, releaseStack } from '../../scripts/lib/stack-pool';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { Storefront } from './support/storefront';

const FIGURES = `grossSales { amount currencyCode } discounts { amount } shipping { amount } taxes { amount } totalSales { amount }
  refunds { amount } netSales { amount } ordersCount ordersPlaced averageOrderValue { amount } units newCustomerOrders returningCustomerOrders
  cartsCreated checkoutsCompleted`;
const SALES_REPORT = `query ($input: SalesReportInput!) { salesReport(input: $input) { timezone currencyCode buckets { label figures { totalSales { amount } } } totals { ${FIGURES} } } }`;
const TOP_PRODUCTS = `query ($input: TopProductsInput!) { topProducts(input: $input) { items { productId title revenue { amount } units } } }`;
const CUSTOMER_REPORT = `query ($input: CustomerReportInput!) { customerReport(input: $input) { customers newCustomers returningCustomers repeatCustomerRate averageLifetimeValue { amount } } }`;
const STOCK_VALUE = `query { stockValue { value { amount currencyCode } units variants unpricedUnits } }`;
const ORDER = `query ($id: ID!) { order(id: $id) { paymentStatus total { amount } discountTotal { amount } shippingTotal { amount } taxTotal { amount }
  lineItems { id productId quantity unitPrice { amount } discountTotal { amount } } } }`;
const REFUND_ORDER = `mutation ($input: RefundOrderInput!) { refundOrder(input: $input) { refund { amount { amount } } userErrors { code field } } }`;

interface OrderFigures {
  paymentStatus: string;
  total: { amount: number };
  discountTotal: { amount: number };
  shippingTotal: { amount: number };
  taxTotal: { amount: number };
  lineItems: { id: string; productId: string; quantity: number; unitPrice: { amount: number }; discountTotal: { amount: number } }[];
}

/** The store-local date `offset` days from now in a time zone, YYYY-MM-DD. */
const localDate = (timeZone: string, offsetDays = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + offsetDays * 86_400_000));

/** Issue 16 item 3 through the whole stack: analytics' figures equal the sums of the orders and refunds the test placed. */
describe('analytics through the gateway', () => {
  let stack: Stack;
  let store: Storefront;

  beforeAll(async () => {
    stack = await acquireStack({ name: 'analytics' });
    store = await Storefront.open(stack, 'Analytics shop');
  }, 180_000);

  afterAll(async () => {
    await releaseStack(stack);
  });

  const request = <T>(query: string, variables: Record<string, unknown> = {}) =>
    new GraphQLClient(stack.gatewayUrl, { headers: { 'x-store-id': store.storeId, authorization: `Bearer ${store.merchantToken}` } }).request<T>(
      query,
      variables,
    );
  const readOrder = async (id: string) => (await request<{ order: OrderFigures }>(ORDER, { id })).order;
  const paidOrder = async (items: { productId: string; quantity: number }[], email: string) => {
    const shopper = store.customer();
    const order = await store.placeOrder(shopper.sdk, items, randomUUID(), email);
    await eventually(
      async () =>
        (await shopper.sdk.ProcessPayment({ input: { orderId: order.id, paymentMethod: { cardNumber: '4242424242424242' }, idempotencyKey: randomUUID() } }))
          .processPayment.payment?.status === 'SUCCEEDED',
      15_000,
      'the payment',
    );
    await store.orderUntil(order.id, (current) => current.status === 'CONFIRMED', 'the order confirmed');
    return order.id;
  };

  it('reports sales, refunds, top products, customers and stock value equal to what the test placed, in the store’s time zone', async () => {
    const kettle = await store.product('Analytics kettle', 10, 1500);
    const mug = await store.product('Analytics mug', 10, 400);
    const first = await paidOrder(
      [
        { productId: kettle, quantity: 2 },
        { productId: mug, quantity: 1 },
      ],
      `analytics-a-${randomUUID().slice(0, 8)}@example.com`,
    );
    const second = await paidOrder([{ productId: kettle, quantity: 1 }], `analytics-b-${randomUUID().slice(0, 8)}@example.com`);
    // placed and never paid: counted as placed, never as a sale
    await store.placeOrder(store.customer().sdk, [{ productId: mug, quantity: 1 }], randomUUID(), `analytics-c-${randomUUID().slice(0, 8)}@example.com`);

    // the mug of the first order refunded, without restock
    const mugLine = (await readOrder(first)).lineItems.find((line) => line.productId === mug)!;
    const { refundOrder } = await request<{ refundOrder: { refund: { amount: { amount: number } } | null; userErrors: unknown[] } }>(REFUND_ORDER, {
      input: { orderId: first, reason: 'Chipped', lines: [{ lineItemId: mugLine.id, quantity: 1, restock: false }] },
    });
    expect(refundOrder.userErrors).toEqual([]);
    const refunded = refundOrder.refund!.amount.amount;
    await eventually(async () => (await readOrder(first)).paymentStatus === 'PARTIALLY_REFUNDED', 20_000, 'the refund');

    const paid = [await readOrder(first), await readOrder(second)];
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    const totalSales = sum(paid.map((order) => order.total.amount));
    const units = sum(paid.flatMap((order) => order.lineItems.map((line) => line.quantity)));
    const expected = {
      grossSales: { amount: sum(paid.flatMap((order) => order.lineItems.map((line) => line.unitPrice.amount * line.quantity))), currencyCode: 'USD' },
      discounts: { amount: sum(paid.map((order) => order.discountTotal.amount)) },
      shipping: { amount: sum(paid.map((order) => order.shippingTotal.amount)) },
      taxes: { amount: sum(paid.map((order) => order.taxTotal.amount)) },
      totalSales: { amount: totalSales },
      refunds: { amount: refunded },
      netSales: { amount: totalSales - refunded },
      ordersCount: 2,
      ordersPlaced: 3,
      averageOrderValue: { amount: Math.floor((2 * totalSales + 2) / 4) },
      units,
      newCustomerOrders: 2,
      returningCustomerOrders: 0,
      // every placeOrder makes a buy-now cart (cart.created) and checks it out (cart.checkout-completed)
      cartsCreated: 3,
      checkoutsCompleted: 3,
    };
    // a period around today in London, the store's time zone, so that a test crossing midnight still holds everything
    const period = { from: localDate('Europe/London', -1), to: localDate('Europe/London', 1) };
    type Report = {
      salesReport: { timezone: string; currencyCode: string; buckets: { label: string; figures: { totalSales: { amount: number } } }[]; totals: unknown };
    };
    // poll until the consumers have caught up with every event of the test, then compare exactly
    const report = await eventually(
      async () => {
        const answer = await request<Report>(SALES_REPORT, { input: period });
        return JSON.stringify(answer.salesReport.totals) === JSON.stringify(expected) ? answer.salesReport : undefined;
      },
      30_000,
      'analytics to count every order and the refund',
    ).catch(async (error) => {
      // show what differs
      expect((await request<Report>(SALES_REPORT, { input: period })).salesReport.totals).toEqual(expected);
      throw error;
    });
    expect(report.totals).toEqual(expected);
    expect(report).toMatchObject({ timezone: 'Europe/London', currencyCode: 'USD' });
    expect(report.buckets.map((bucket) => bucket.label)).toEqual([period.from, localDate('Europe/London'), period.to]);
    expect(sum(report.buckets.map((bucket) => bucket.figures.totalSales.amount))).toBe(totalSales);

    const revenueOf = (productId: string) =>
      sum(
        paid.flatMap((order) =>
          order.lineItems.filter((line) => line.productId === productId).map((line) => line.unitPrice.amount * line.quantity - line.discountTotal.amount),
        ),
      );
    const top = (
      await request<{ topProducts: { items: { productId: string; revenue: { amount: number }; units: number }[] } }>(TOP_PRODUCTS, {
        input: { ...period, by: 'UNITS' },
      })
    ).topProducts;
    expect(top.items.map((item) => [item.productId, item.revenue.amount, item.units])).toEqual([
      [kettle, revenueOf(kettle), 3],
      [mug, revenueOf(mug), 1],
    ]);

    const customers = (await request<{ customerReport: unknown }>(CUSTOMER_REPORT, { input: period })).customerReport;
    expect(customers).toEqual({
      customers: 2,
      newCustomers: 2,
      returningCustomers: 0,
      repeatCustomerRate: 0,
      averageLifetimeValue: { amount: Math.floor((2 * (totalSales - refunded) + 2) / 4) },
    });

    // stock value: on hand (what inventory says now) × the catalog price, once the commits have reached analytics
    const onHand = { kettle: (await store.stock(kettle)).onHand, mug: (await store.stock(mug)).onHand };
    expect(onHand).toEqual({ kettle: 7, mug: 9 });
    const expectedStock = {
      value: { amount: onHand.kettle * 1500 + onHand.mug * 400, currencyCode: 'USD' },
      units: onHand.kettle + onHand.mug,
      variants: 2,
      unpricedUnits: 0,
    };
    const stock = await eventually(
      async () => {
        const answer = (await request<{ stockValue: unknown }>(STOCK_VALUE)).stockValue;
        return JSON.stringify(answer) === JSON.stringify(expectedStock) ? answer : undefined;
      },
      20_000,
      'the stock value',
    );
    expect(stock).toEqual(expectedStock);
  });

  it('refuses a period longer than 732 days and a shopper, and shows another store none of these figures', async () => {
    const tooLong = await new GraphQLClient(stack.gatewayUrl, {
      headers: { 'x-store-id': store.storeId, authorization: `Bearer ${store.merchantToken}` },
      errorPolicy: 'all',
    }).rawRequest(SALES_REPORT, { input: { from: '2024-01-01', to: '2026-12-31' } });
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: ['input', 'to'] }] });
    const shopper = await new GraphQLClient(stack.gatewayUrl, {
      headers: { 'x-store-id': store.storeId, authorization: `Bearer ${store.customer().token}` },
      errorPolicy: 'all',
    }).rawRequest(STOCK_VALUE);
    expect(shopper.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const other = await Storefront.open(stack, 'Analytics neighbour');
    const theirs = await new GraphQLClient(stack.gatewayUrl, {
      headers: { 'x-store-id': other.storeId, authorization: `Bearer ${other.merchantToken}` },
    }).request<{
      salesReport: { totals: { totalSales: { amount: number }; ordersPlaced: number } };
    }>(SALES_REPORT, { input: { from: localDate('Europe/London', -1), to: localDate('Europe/London', 1) } });
    expect(theirs.salesReport.totals).toMatchObject({ totalSales: { amount: 0 }, ordersPlaced: 0 });
  });
});
