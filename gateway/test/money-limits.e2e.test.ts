import { randomUUID } from 'node:crypto';
import { GraphQLClient } from 'graphql-request';
import type { Stack } from '../../scripts/lib/stack';
import { acquireStack, releaseStack } from '../../scripts/lib/stack-pool';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { SHIPPING_ADDRESS, Storefront } from './support/storefront';

const GOOD_CARD = '4242424242424242';
/** 30 000 000.00 USD: one unit already above 2^31 − 1 minor units. */
const PRICE = 3_000_000_000;
const INT32_MAX = 2_147_483_647;

const ORDER = `query ($id: ID!) {
  order(id: $id) { status subtotal { amount } total { amount currencyCode } lineItems { quantity unitPrice { amount } lineTotal { amount } } }
}`;
const CUSTOMERS = `query ($search: String!) { customers(first: 5, filter: { search: $search }) { nodes { email totalSpent { amount currencyCode } } } }`;
const ANALYTICS = `query ($input: OrderAnalyticsInput!) {
  orderAnalytics(input: $input) { ordersCount revenue { amount currencyCode } averageOrderValue { amount } daily { revenue { amount } } }
}`;
const SALES_REPORT = `query ($input: SalesReportInput!) {
  salesReport(input: $input) { totals { totalSales { amount currencyCode } grossSales { amount } averageOrderValue { amount } ordersCount } }
}`;
const CREATE_PRODUCT = `mutation ($input: CreateProductInput!) { createProduct(input: $input) { product { id price { amount } } userErrors { code } } }`;
const PRODUCTS = `query ($search: String!) { products(first: 5, filter: { search: $search }) { totalCount } }`;

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * Money above 2^31 minor units through the gateway: a price of 30 000 000.00, an order of two
 * (6e9 minor units) whose totals, payment, customer's totalSpent and store analytics all come back
 * exact; a price above the input maximum (10^10 minor units) is BAD_USER_INPUT and writes nothing.
 */
describe('money amounts above 32 bits', () => {
  let stack: Stack;
  let store: Storefront;
  let merchant: GraphQLClient;

  beforeAll(async () => {
    stack = await acquireStack({ name: 'money' });
    store = new Storefront(stack);
    merchant = new GraphQLClient(stack.gatewayUrl, { headers: { authorization: `Bearer ${store.merchantToken}`, 'x-store-id': store.storeId } });
  }, 120_000);

  afterAll(async () => {
    await releaseStack(stack);
  });

  /** The whole answer, errors included: graphql-request throws on errors, which hides their codes. */
  async function ask<T>(query: string, variables: Record<string, unknown>): Promise<GraphQLAnswer<T>> {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${store.merchantToken}`, 'x-store-id': store.storeId },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLAnswer<T>;
  }

  it('sells 2 × 30 000 000.00 and serves every total, payment, totalSpent and analytics sum exactly', async () => {
    const from = new Date(Date.now() - 60_000).toISOString();
    const productId = await store.product('Superyacht', 2, PRICE);
    const email = `yacht.buyer.${randomUUID().slice(0, 8)}@example.com`;
    const shopper = store.customer();
    const placed = await eventually(
      async () => {
        const { placeOrder } = await shopper.sdk.PlaceOrder({
          input: { items: [{ productId, quantity: 2 }], email, shippingAddress: SHIPPING_ADDRESS, idempotencyKey: randomUUID() },
        });
        return placeOrder.order ?? undefined;
      },
      15_000,
      'the order to be placed',
    );
    expect(placed.total).toEqual({ amount: 6_000_000_000, currencyCode: 'USD' });
    expect(placed.total.amount).toBeGreaterThan(INT32_MAX);

    const { order } = await merchant.request<{ order: unknown }>(ORDER, { id: placed.id });
    expect(order).toMatchObject({
      subtotal: { amount: 6_000_000_000 },
      total: { amount: 6_000_000_000, currencyCode: 'USD' },
      lineItems: [{ quantity: 2, unitPrice: { amount: PRICE }, lineTotal: { amount: 6_000_000_000 } }],
    });

    const payment = await eventually(
      async () =>
        (await shopper.sdk.ProcessPayment({ input: { orderId: placed.id, paymentMethod: { cardNumber: GOOD_CARD }, idempotencyKey: randomUUID() } }))
          .processPayment.payment ?? undefined,
      15_000,
      'a payment',
    );
    expect(payment).toMatchObject({ status: 'SUCCEEDED', amount: { amount: 6_000_000_000, currencyCode: 'USD' } });
    await store.orderUntil(placed.id, (o) => o.status === 'CONFIRMED', 'the order to be confirmed');

    const customer = await eventually(
      async () => {
        const { customers } = await merchant.request<{ customers: { nodes: { email: string; totalSpent: { amount: number } }[] } }>(CUSTOMERS, {
          search: email,
        });
        return customers.nodes.find((node) => node.totalSpent.amount > 0);
      },
      20_000,
      "the customer's totalSpent",
    );
    expect(customer.totalSpent).toEqual({ amount: 6_000_000_000, currencyCode: 'USD' });

    const { orderAnalytics } = await merchant.request<{ orderAnalytics: { revenue: { amount: number }; daily: { revenue: { amount: number } }[] } }>(
      ANALYTICS,
      { input: { from, to: new Date(Date.now() + 60_000).toISOString(), currencyCode: 'USD' } },
    );
    expect(orderAnalytics).toMatchObject({
      ordersCount: 1,
      revenue: { amount: 6_000_000_000, currencyCode: 'USD' },
      averageOrderValue: { amount: 6_000_000_000 },
    });
    expect(orderAnalytics.daily.reduce((sum, day) => sum + day.revenue.amount, 0)).toBe(6_000_000_000);

    // analytics' rollups (bigint, summed exactly) say the same once its consumers have heard of the order and its payment
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const sales = await eventually(
      async () => {
        const { salesReport } = await merchant.request<{ salesReport: { totals: { totalSales: { amount: number }; ordersCount: number } } }>(SALES_REPORT, {
          input: { from: day(-1), to: day(1), currencyCode: 'USD' },
        });
        return salesReport.totals.ordersCount === 1 ? salesReport.totals : undefined;
      },
      20_000,
      'analytics to book the sale',
    );
    expect(sales).toEqual({
      totalSales: { amount: 6_000_000_000, currencyCode: 'USD' },
      grossSales: { amount: 6_000_000_000 },
      averageOrderValue: { amount: 6_000_000_000 },
      ordersCount: 1,
    });
  });

  it('refuses a price above 10^10 minor units with BAD_USER_INPUT, writing nothing', async () => {
    const title = `Too dear ${randomUUID().slice(0, 8)}`;
    const tooDear = await ask<{ createProduct: unknown }>(CREATE_PRODUCT, {
      input: { title, price: { amount: 10_000_000_001, currencyCode: 'USD' }, status: 'ACTIVE' },
    });
    expect(tooDear.data?.createProduct ?? null).toBeNull();
    expect(tooDear.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    // beyond 2^53 the subgraph's SafeInt refuses the variable before any resolver runs (the gateway
    // forwards supergraph scalars unparsed, and reports the subgraph's 400 without its code)
    const unsafe = await ask<{ createProduct: unknown }>(CREATE_PRODUCT, {
      input: { title, price: { amount: 2 ** 53 + 2, currencyCode: 'USD' }, status: 'ACTIVE' },
    });
    expect(unsafe.data?.createProduct ?? null).toBeNull();
    expect(unsafe.errors).toHaveLength(1);

    const atMost = await ask<{ createProduct: { product: { price: { amount: number } } } }>(CREATE_PRODUCT, {
      input: { title: `${title} at the maximum`, price: { amount: 10_000_000_000, currencyCode: 'USD' }, status: 'ACTIVE' },
    });
    expect(atMost.data?.createProduct.product.price).toEqual({ amount: 10_000_000_000 });
    const { products } = await merchant.request<{ products: { totalCount: number } }>(PRODUCTS, { search: title });
    expect(products.totalCount).toBe(1);
  });
});
