import { randomUUID } from 'node:crypto';
import { ClientError, GraphQLClient } from 'graphql-request';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { getSdk, type StockChangedSubscription } from '../../schema/generated/sdk';
import { statementCount, type Stack } from '../../scripts/lib/stack';
import { acquireStack, releaseStack } from '../../scripts/lib/stack-pool';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { Storefront, type Sdk } from './support/storefront';
import { subscribe } from './support/live';

/** The GraphQL error a call failed with (the SDK throws ClientError on errors). */
async function graphqlError(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (error instanceof ClientError) return error.response.errors![0];
    throw error;
  }
  throw new Error('the call succeeded');
}

describe('the supergraph through the gateway', () => {
  let stack: Stack;
  let store: Storefront;
  let merchant: Sdk;
  const sockets: Client[] = [];

  beforeAll(async () => {
    stack = await acquireStack({ name: 'e2e' });
    store = new Storefront(stack);
    merchant = store.merchant;
  }, 120_000);

  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.dispose()));
    await releaseStack(stack);
  });

  it('creates a product in catalog that appears in inventory through the event', async () => {
    const created = await merchant.CreateProduct({
      input: { title: 'Walnut chopping board', price: { amount: 3900, currencyCode: 'USD' }, category: 'Kitchen' },
    });
    expect(created.createProduct.userErrors).toEqual([]);
    const id = created.createProduct.product!.id;
    const inventory = await eventually(async () => (await merchant.ProductById({ id })).product?.inventory, 15_000, 'the inventory item');
    expect(inventory).toEqual({ onHand: 0, reserved: 0, available: 0, lowStockThreshold: 5 });
  });

  it('answers one query with fields from catalog and inventory', async () => {
    const productId = await store.product('Linen apron', 7, 1800);
    const { product: read } = await merchant.ProductById({ id: productId });
    expect(read).toMatchObject({
      id: productId,
      title: 'Linen apron',
      price: { amount: 1800, currencyCode: 'USD' },
      status: 'ACTIVE',
      stock: 7,
      inStock: true,
    });

    const shopper = store.sdkFor();
    const page = await shopper.Products({ first: 10, filter: { search: 'linen' } });
    expect(page.products.edges.map((edge) => [edge.node.title, edge.node.stock, edge.node.inStock])).toEqual([['Linen apron', 7, true]]);
  });

  it('pushes stock changes to subscribers with fields from every subgraph, in order', async () => {
    const productId = await store.product('Enamel mug', 10, 1200);
    const live = await subscribe<StockChangedSubscription>(
      stack.wsUrl,
      store.merchantToken,
      'subscription ($productId: ID!) { stockChanged(productId: $productId) { id title price { amount currencyCode } stock inStock } }',
      { productId },
    );

    await merchant.AdjustStock({ input: { productId, delta: -3, reason: 'sold at the counter', idempotencyKey: randomUUID() } });
    await merchant.AdjustStock({ input: { productId, delta: 5, reason: 'delivery', idempotencyKey: randomUUID() } });
    const received = await live.until(2, 'both stock changes');
    live.close();
    expect(received).toEqual([
      { stockChanged: { id: productId, title: 'Enamel mug', price: { amount: 1200, currencyCode: 'USD' }, stock: 7, inStock: true } },
      { stockChanged: { id: productId, title: 'Enamel mug', price: { amount: 1200, currencyCode: 'USD' }, stock: 12, inStock: true } },
    ]);
  });

  it('closes a subscription socket whose token is not valid with 4403', async () => {
    const closed = new Promise<number>((resolve) => {
      // refused connections are asserted on through the 'closed' event, not logged
      const client = createClient({
        url: stack.wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { Authorization: 'Bearer not-a-token' },
        retryAttempts: 0,
        lazy: false,
        onNonLazyError: () => undefined,
      });
      sockets.push(client);
      client.on('closed', (event) => resolve((event as { code: number }).code));
    });
    expect(await closed).toBe(4403);
  });

  it('refuses invalid input with BAD_USER_INPUT and writes nothing', async () => {
    const before = (await merchant.Products({ first: 1 })).products.totalCount;
    const error = await graphqlError(merchant.CreateProduct({ input: { title: '', price: { amount: 10, currencyCode: 'DOLLARS' } } }));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((error.extensions!.fields as { field: string[] }[]).map((field) => field.field.join('.'))).toEqual(['input.title', 'input.price.currencyCode']);
    const stockError = await graphqlError(merchant.AdjustStock({ input: { productId: randomUUID(), delta: 0, reason: 'x', idempotencyKey: 'k' } }));
    expect(stockError.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await merchant.Products({ first: 1 })).products.totalCount).toBe(before);
  });

  it('refuses writes from anonymous callers and bad tokens', async () => {
    const anonymous = getSdk(new GraphQLClient(stack.gatewayUrl));
    expect((await graphqlError(anonymous.CreateProduct({ input: { title: 'x', price: { amount: 1, currencyCode: 'USD' } } }))).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    const forged = getSdk(new GraphQLClient(stack.gatewayUrl, { headers: { authorization: 'Bearer forged.token.value' } }));
    expect((await graphqlError(forged.Products({ first: 1 }))).extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('sends as many SQL statements for 100 products as for 10', async () => {
    const existing = (await merchant.Products({ first: 1 })).products.totalCount;
    const titles = Array.from({ length: Math.max(0, 100 - existing) }, (_, index) => `Bulk item ${index}`);
    for (let index = 0; index < titles.length; index += 10) {
      await Promise.all(
        titles
          .slice(index, index + 10)
          .map((title) => merchant.CreateProduct({ input: { title, price: { amount: 500, currencyCode: 'USD' }, status: 'ACTIVE' } })),
      );
    }
    const measure = async (first: number) => {
      const before = await Promise.all([statementCount(stack.services.catalog.metricsUrl!), statementCount(stack.services.inventory.metricsUrl!)]);
      const { products } = await merchant.ProductStocks({ first });
      expect(products.nodes).toHaveLength(first);
      const after = await Promise.all([statementCount(stack.services.catalog.metricsUrl!), statementCount(stack.services.inventory.metricsUrl!)]);
      return after.map((value, index) => value - before[index]);
    };
    const ten = await measure(10);
    const hundred = await measure(100);
    expect(hundred).toEqual(ten);
    // catalog: one page query (no totalCount asked, so no COUNT); inventory: one batched statement; each
    // in one read transaction scoped to the store: BEGIN, set_config('app.store_id'), the query, COMMIT
    expect(ten).toEqual([4, 4]);
  });
});
