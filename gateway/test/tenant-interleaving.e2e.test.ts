import { dropDatabases, startStack, type Stack } from '../../scripts/lib/stack';
import { uniqueSuiteName } from '../../subgraphs/kit/test/support/test-names';
import { Storefront, type Sdk } from './support/storefront';

interface Seen {
  id: string;
  storeId: string;
  /** from inventory, through federation */
  stock?: number;
}

/**
 * Two stores' shoppers and merchants, their requests interleaved, through the gateway to subgraphs
 * that each have a database pool of two connections: every connection serves both stores in turn,
 * so a store scope that outlived its transaction, or a query that forgot its store, would show.
 */
describe('1000 interleaved requests of two tenants over a pool of two connections', () => {
  let stack: Stack;
  let stores: { front: Storefront; products: string[]; draft: string; shopper: Sdk }[];
  const stockOf = new Map<string, number>();

  beforeAll(async () => {
    stack = await startStack({ namespace: uniqueSuiteName('interleave'), env: { DATABASE_POOL_SIZE: '2' } });
    stores = [];
    for (const name of ['Alder', 'Birch']) {
      const front = new Storefront(stack);
      const products: string[] = [];
      for (const [title, units] of [
        [`${name} stool`, 4],
        [`${name} bench`, 2],
        [`${name} shelf`, 0],
      ] as const) {
        const id = await front.product(title, units + stores.length * 10, 4500);
        stockOf.set(id, units + stores.length * 10);
        products.push(id);
      }
      const draft = (await front.merchant.CreateProduct({ input: { title: `${name} prototype`, price: { amount: 1, currencyCode: 'USD' } } })).createProduct
        .product!.id;
      stores.push({ front, products, draft, shopper: front.sdkFor() });
    }
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    if (stack) await dropDatabases(stack.databaseNames);
  });

  it('returns each tenant only its own rows: 0 cross-reads', async () => {
    const ownIds = stores.map(({ products, draft }) => new Set([...products, draft]));
    /** One request of one of five kinds, as store `index`'s shopper or merchant; returns every product it saw. */
    const request = async (index: number, kind: number): Promise<Seen[]> => {
      const { front, shopper, products } = stores[index];
      const other = stores[1 - index];
      switch (kind) {
        case 0:
          return (await shopper.Products({ first: 10 })).products.edges.map(({ node }) => node);
        case 1:
          return (await front.merchant.Products({ first: 10 })).products.edges.map(({ node }) => node);
        case 2: {
          const { product } = await front.merchant.ProductById({ id: products[kind % products.length] });
          return product ? [product] : [];
        }
        case 3: {
          // the other store's product, asked for by id: must come back empty
          const { product } = await front.merchant.ProductById({ id: other.products[0] });
          return product ? [product] : [];
        }
        default: {
          const { product } = await shopper.ProductById({ id: other.draft });
          return product ? [product] : [];
        }
      }
    };

    const requests = Array.from({ length: 1000 }, (_, index) => ({ store: index % 2, kind: Math.floor(index / 2) % 5 }));
    const results: { store: number; kind: number; seen: Seen[] }[] = [];
    // 20 at a time, so the two connections are always contended by both stores
    for (let start = 0; start < requests.length; start += 20) {
      const batch = requests.slice(start, start + 20);
      results.push(...(await Promise.all(batch.map(async ({ store, kind }) => ({ store, kind, seen: await request(store, kind) })))));
    }

    const foreign = (store: number, product: Seen) =>
      product.storeId !== stores[store].front.storeId ||
      !ownIds[store].has(product.id) ||
      (product.stock !== undefined && product.stock !== (stockOf.get(product.id) ?? 0));
    const crossReads = results.filter(({ store, seen }) => seen.some((product) => foreign(store, product)));
    expect(crossReads).toEqual([]);
    expect(results).toHaveLength(1000);
    // and the requests did see their own rows: shoppers the three active products, merchants the draft too
    const sizes = (kind: number) => new Set(results.filter((result) => result.kind === kind).map(({ seen }) => seen.length));
    expect(sizes(0)).toEqual(new Set([3]));
    expect(sizes(1)).toEqual(new Set([4]));
    expect(sizes(2)).toEqual(new Set([1]));
    expect(sizes(3)).toEqual(new Set([0]));
    expect(sizes(4)).toEqual(new Set([0]));
  });
});
