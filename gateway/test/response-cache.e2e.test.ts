import { randomUUID } from 'node:crypto';
import { GraphQLClient } from 'graphql-request';
import { getSdk } from '../../schema/generated/sdk';
import { statementCount, type Stack } from '../../scripts/lib/stack';
import { acquireStack, releaseStack } from '../../scripts/lib/stack-pool';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { startExtraGateway, type ExtraGateway } from './support/extra-gateway';
import { Storefront } from './support/storefront';

const STOREFRONT_LIST = 'query StorefrontList { products(first: 20) { nodes { id title price { amount currencyCode } stock inStock } } }';

interface ListedProduct {
  id: string;
  title: string;
  price: { amount: number; currencyCode: string };
  stock: number;
  inStock: boolean;
}

/**
 * The response cache end to end: an anonymous shopper's second identical read is answered by the
 * gateway alone (Age, no subgraph request, no SQL); a price or stock change made through another
 * replica (which deletes the Redis entry but not this replica's in-process one) shows here at the next
 * read once its event is delivered, and is never followed by the old value; a merchant reads back its
 * own change at once; a merchant's reads are never cached; one store's entry is never served in another.
 */
describe('gateway response cache', () => {
  let stack: Stack;
  let shop: Storefront;
  let otherShop: Storefront;
  let lampId: string;
  let mugId: string;
  /** A second replica, sharing Redis and the event feeds with the stack's gateway. */
  let otherReplica: ExtraGateway;

  beforeAll(async () => {
    stack = await acquireStack({ name: 'respcache' });
    shop = new Storefront(stack);
    otherShop = new Storefront(stack);
    lampId = await shop.product(`Cached lamp ${randomUUID().slice(0, 8)}`, 5, 1000);
    mugId = await shop.product(`Cached mug ${randomUUID().slice(0, 8)}`, 2, 400);
    await otherShop.product(`Other store vase ${randomUUID().slice(0, 8)}`, 1, 900);
    otherReplica = await startExtraGateway(stack, {});
  }, 180_000);

  afterAll(async () => {
    await otherReplica?.stop();
    await releaseStack(stack);
  });

  const client = (storeId: string, token?: string, url = stack.gatewayUrl) =>
    new GraphQLClient(url, { headers: { 'x-store-id': storeId, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  /** The shop's merchant, through the other replica. */
  const merchantElsewhere = () => getSdk(client(shop.storeId, shop.merchantToken, otherReplica.url));

  /** One storefront list read: its products, and its Age and Cache-Control headers. */
  const readList = async (reader: GraphQLClient) => {
    const response = await reader.rawRequest<{ products: { nodes: ListedProduct[] } }>(STOREFRONT_LIST);
    return { products: response.data.products.nodes, age: response.headers.get('age'), cacheControl: response.headers.get('cache-control') };
  };

  /** GraphQL requests served and SQL statements sent for them by catalog and inventory, the subgraphs this read asks. */
  const subgraphWork = async () => {
    const requests = async (metricsUrl: string): Promise<number> => {
      const text = await (await fetch(metricsUrl)).text();
      return text
        .split('\n')
        .filter((line) => line.startsWith('http_request_duration_seconds_count{') && line.includes('route="/graphql"'))
        .reduce((sum, line) => sum + Number(line.trim().split(/\s+/).pop()), 0);
    };
    const { catalog, inventory } = stack.services;
    return {
      requests: (await requests(catalog.metricsUrl!)) + (await requests(inventory.metricsUrl!)),
      statements: (await statementCount(catalog.metricsUrl!)) + (await statementCount(inventory.metricsUrl!)),
    };
  };

  const byId = (products: ListedProduct[], id: string) => products.find((product) => product.id === id);

  it('answers the second identical anonymous read from the cache: Age, public Cache-Control, no subgraph request, no SQL', async () => {
    const anonymous = client(shop.storeId);
    const first = await readList(anonymous);
    expect(first.products.map((product) => product.id).sort()).toEqual([lampId, mugId].sort());
    expect(first.cacheControl).toMatch(/max-age=\d+, public/);

    const before = await subgraphWork();
    const second = await readList(anonymous);
    const after = await subgraphWork();
    expect(second.age).toMatch(/^\d+$/);
    expect(second.cacheControl).toMatch(/max-age=\d+, public/);
    expect(second.products).toEqual(first.products);
    expect({ requests: after.requests - before.requests, statements: after.statements - before.statements }).toEqual({ requests: 0, statements: 0 });
  });

  it('shows a price changed through another replica once catalog.product-updated is delivered, and never the old one after', async () => {
    const anonymous = client(shop.storeId);
    await readList(anonymous);
    expect((await readList(anonymous)).age).not.toBeNull();

    const { updateProduct } = await merchantElsewhere().UpdateProduct({ input: { id: lampId, price: { amount: 1234, currencyCode: 'USD' } } });
    expect(updateProduct.userErrors).toEqual([]);
    // the event reaches the gateway within a bounded wait; until then the old entry may still be served
    await eventually(async () => byId((await readList(anonymous)).products, lampId)?.price.amount === 1234, 15_000, 'the new price');
    for (let read = 0; read < 10; read += 1) expect(byId((await readList(anonymous)).products, lampId)?.price.amount).toBe(1234);
  });

  it('shows a stock change made through another replica once inventory.stock-changed is delivered, never the old stock after', async () => {
    const anonymous = client(shop.storeId);
    await readList(anonymous);
    const cached = await readList(anonymous);
    expect(cached.age).not.toBeNull();
    const before = byId(cached.products, mugId)!.stock;

    await merchantElsewhere().AdjustStock({ input: { productId: mugId, delta: 7, reason: 'received', idempotencyKey: randomUUID() } });
    await eventually(async () => byId((await readList(anonymous)).products, mugId)?.stock === before + 7, 15_000, 'the new stock');
    for (let read = 0; read < 10; read += 1) expect(byId((await readList(anonymous)).products, mugId)?.stock).toBe(before + 7);
  });

  it('files a variant read under its product: repriced through another replica, it shows the new price once the product event is delivered', async () => {
    const anonymous = client(shop.storeId);
    const VARIANT = 'query ($id: ID!) { productVariant(id: $id) { id title price { amount } product { id } } }';
    const readVariant = async (query = VARIANT) => {
      const response = await anonymous.rawRequest<{ productVariant: { price: { amount: number } } }>(query, { id: mugId });
      return { amount: response.data.productVariant.price.amount, age: response.headers.get('age') };
    };
    await readVariant();
    expect((await readVariant()).age).not.toBeNull();
    // an answer that does not name its product could not be invalidated by the product's events: never kept
    const unnamed = 'query ($id: ID!) { productVariant(id: $id) { id price { amount } } }';
    await readVariant(unnamed);
    expect((await readVariant(unnamed)).age).toBeNull();

    const { updateProductVariants } = await merchantElsewhere().UpdateProductVariants({
      input: { productId: mugId, variants: [{ id: mugId, price: { amount: 455, currencyCode: 'USD' } }] },
    });
    expect(updateProductVariants.userErrors).toEqual([]);
    await eventually(async () => (await readVariant()).amount === 455, 15_000, 'the new variant price');
    for (let read = 0; read < 10; read += 1) expect((await readVariant()).amount).toBe(455);
  });

  it('shows category and collection changes made through another replica once their events are delivered, never the old read after', async () => {
    const { createCategory } = await shop.merchant.CreateCategory({ input: { name: `Lighting ${randomUUID().slice(0, 8)}` } });
    const { createCollection } = await shop.merchant.CreateCollection({ input: { title: 'Picks', kind: 'MANUAL', published: true } });
    const categoryId = createCategory.category!.id;
    const collectionId = createCollection.collection!.id;
    const anonymous = client(shop.storeId);
    const GROUPS = `query Groups($category: ID!, $collection: ID!) {
      category(id: $category) { name productCount }
      collection(id: $collection) { title productsCount products(first: 10) { nodes { id } } }
    }`;
    interface Groups {
      category: { name: string; productCount: number };
      collection: { title: string; productsCount: number; products: { nodes: { id: string }[] } };
    }
    const read = async () => {
      const response = await anonymous.rawRequest<Groups>(GROUPS, { category: categoryId, collection: collectionId });
      return { ...response.data, age: response.headers.get('age') };
    };
    await read();
    expect((await read()).age).not.toBeNull();

    const elsewhere = merchantElsewhere();
    expect((await elsewhere.UpdateCategory({ input: { id: categoryId, name: 'Lamps' } })).updateCategory.userErrors).toEqual([]);
    expect((await elsewhere.AssignProductCategories({ input: { productId: lampId, categoryIds: [categoryId] } })).assignProductCategories.userErrors).toEqual(
      [],
    );
    expect((await elsewhere.AddProductsToCollection({ input: { collectionId, productIds: [lampId] } })).addProductsToCollection.userErrors).toEqual([]);
    const expected = { category: { name: 'Lamps', productCount: 1 }, collection: { title: 'Picks', productsCount: 1, products: { nodes: [{ id: lampId }] } } };
    await eventually(
      async () => {
        const { category, collection } = await read();
        return JSON.stringify({ category, collection }) === JSON.stringify(expected);
      },
      15_000,
      'the renamed category and the collection with its product',
    );
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const { category, collection } = await read();
      expect({ category, collection }).toEqual(expected);
    }
  });

  it('lets a merchant read its own change back at once through the gateway that took it', async () => {
    const anonymous = client(shop.storeId);
    await readList(anonymous);
    expect((await readList(anonymous)).age).not.toBeNull();
    const { updateProduct } = await shop.merchant.UpdateProduct({ input: { id: mugId, title: 'Renamed mug' } });
    expect(updateProduct.userErrors).toEqual([]);
    const next = await readList(anonymous);
    expect(next.age).toBeNull();
    expect(byId(next.products, mugId)?.title).toBe('Renamed mug');
  });

  it("never caches a merchant's authenticated read", async () => {
    const merchant = client(shop.storeId, shop.merchantToken);
    const first = await readList(merchant);
    const before = await subgraphWork();
    const second = await readList(merchant);
    const after = await subgraphWork();
    expect(first.cacheControl ?? '').not.toMatch(/public/);
    expect(second.age).toBeNull();
    expect(second.cacheControl ?? '').not.toMatch(/public/);
    expect(after.requests - before.requests).toBeGreaterThan(0);
    expect(after.statements - before.statements).toBeGreaterThan(0);
  });

  it("never serves one store's entry in another", async () => {
    const anonymous = client(shop.storeId);
    await readList(anonymous);
    expect((await readList(anonymous)).age).not.toBeNull();

    const elsewhere = await readList(client(otherShop.storeId));
    expect(elsewhere.age).toBeNull();
    expect(elsewhere.products).toHaveLength(1);
    expect(elsewhere.products[0].title).toMatch(/^Other store vase /);
  });
});
