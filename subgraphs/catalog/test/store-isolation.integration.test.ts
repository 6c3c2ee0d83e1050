import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { inScope, Role, StoreStatus } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { catalogSubgraph } from '../src/catalog.subgraph';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { storeStatusEvents } from '../../kit/test/support/tenancy-support';

const CREATE = gql`
  mutation ($input: CreateProductInput!) {
    createProduct(input: $input) {
      product {
        id
      }
      userErrors {
        code
      }
    }
  }
`;
const PRODUCT = gql`
  query ($id: ID!) {
    product(id: $id) {
      id
    }
  }
`;
const PRODUCTS = gql`
  query {
    products(first: 100) {
      totalCount
      nodes {
        id
      }
    }
  }
`;
const ENTITIES = gql`
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Product {
        id
      }
    }
  }
`;
const UPDATE = gql`
  mutation ($id: ID!) {
    updateProduct(input: { id: $id, title: "Taken over" }) {
      product {
        id
      }
      userErrors {
        code
        field
      }
    }
  }
`;
const ARCHIVE = gql`
  mutation ($id: ID!) {
    archiveProduct(input: { id: $id }) {
      product {
        id
      }
      userErrors {
        code
        field
      }
    }
  }
`;

const SEARCH = gql`
  query ($query: String) {
    productSearch(query: $query, first: 100) {
      totalCount
      products {
        nodes {
          id
        }
      }
      facets {
        inStock {
          inStock
          outOfStock
        }
      }
    }
  }
`;
const SUGGEST = gql`
  query ($prefix: String!) {
    searchSuggestions(prefix: $prefix) {
      productId
    }
  }
`;

interface ProductRow {
  id: string;
  store_id: string;
  title: string;
  status: string;
  version: number;
}

describe('catalog: one store never sees or touches another’s products', () => {
  const storeA = randomUUID();
  const storeB = randomUUID();
  const merchantA = tokenFor([Role.MERCHANT], storeA);
  const merchantB = tokenFor([Role.MERCHANT], storeB);
  let catalog: TestSubgraph;
  let owner: DataSource;
  const productsOf: Record<string, string[]> = {};

  const create = async (token: string, title: string, status = 'ACTIVE') => {
    const result = await catalog.client(token).rawRequest<{ createProduct: { product: { id: string } } }>(CREATE, {
      input: { title, status, price: { amount: 500, currencyCode: 'USD' } },
    });
    expect(result.errors).toBeUndefined();
    return result.data.createProduct.product.id;
  };
  const rowsOf = (storeId: string): Promise<ProductRow[]> =>
    owner.query(`SELECT id, store_id, title, status, version FROM product WHERE store_id = $1 ORDER BY id`, [storeId]);
  const entities = async (ids: string[], token?: string, headers: Record<string, string> = {}) =>
    (await catalog.client(token, headers).rawRequest<{ _entities: unknown[] }>(ENTITIES, { representations: ids.map((id) => ({ __typename: 'Product', id })) }))
      .data._entities;
  const product = async (id: string, token?: string, headers: Record<string, string> = {}) =>
    (await catalog.client(token, headers).rawRequest<{ product: { id: string } | null }>(PRODUCT, { id })).data.product;
  const listed = async (token?: string, headers: Record<string, string> = {}) => {
    const result = await catalog.client(token, headers).rawRequest<{ products: { totalCount: number; nodes: { id: string }[] } }>(PRODUCTS);
    expect(result.errors).toBeUndefined();
    return result.data.products;
  };

  beforeAll(async () => {
    catalog = await startTestSubgraph(catalogSubgraph);
    owner = await openOwnerConnection(catalog.runtime.config);
    productsOf[storeA] = [await create(merchantA, 'A kettle'), await create(merchantA, 'A draft', 'DRAFT')];
    productsOf[storeB] = [await create(merchantB, 'B kettle'), await create(merchantB, 'B draft', 'DRAFT')];
  });
  afterAll(async () => {
    await owner?.destroy();
    await catalog?.close();
  });

  describe('row-level security on product, for the application role', () => {
    it('refuses a query that names no store', async () => {
      await expect(catalog.runtime.dataSource.query(`SELECT id FROM product`)).rejects.toThrow(/no store scope/);
    });

    it('shows a store’s transaction only its own rows, even without a store condition', async () => {
      const seen: { store_id: string }[] = await inScope(catalog.runtime.dataSource, storeA, (manager) => manager.query(`SELECT store_id FROM product`));
      expect(seen).toHaveLength(2);
      expect(new Set(seen.map((row) => row.store_id))).toEqual(new Set([storeA]));
    });

    it('refuses to write another store’s row from a store’s transaction', async () => {
      const insert = inScope(catalog.runtime.dataSource, storeA, (manager) =>
        manager.query(
          `INSERT INTO product (store_id, title, handle, status, price_amount, currency_code) VALUES ($1, 'Smuggled', 'smuggled', 'ACTIVE', 1, 'USD')`,
          [storeB],
        ),
      );
      await expect(insert).rejects.toThrow(/row-level security/);
      const moved = await inScope(catalog.runtime.dataSource, storeA, (manager) =>
        manager.query(`UPDATE product SET store_id = $1 WHERE id = $2`, [storeB, productsOf[storeA][0]]),
      ).catch((error: Error) => error);
      expect(String(moved)).toMatch(/row-level security/);
      expect((await rowsOf(storeB)).map((row) => row.title).sort()).toEqual(['B draft', 'B kettle']);
      expect((await rowsOf(storeA)).every((row) => row.store_id === storeA)).toBe(true);
    });
  });

  it('resolves none of store B’s products for store A’s merchant or shoppers through _entities', async () => {
    expect(await entities(productsOf[storeB], merchantA)).toEqual([null, null]);
    expect(await entities(productsOf[storeB], undefined, { 'x-store-id': storeA })).toEqual([null, null]);
    expect(await entities(productsOf[storeA], merchantA)).toEqual(productsOf[storeA].map((id) => ({ id })));
  });

  it('answers product(id) with null and lists nothing of store B for store A’s callers', async () => {
    for (const id of productsOf[storeB]) expect(await product(id, merchantA)).toBeNull();
    const ids = (await listed(merchantA)).nodes.map((node) => node.id);
    expect(ids.sort()).toEqual([...productsOf[storeA]].sort());
    // naming store B does not make A's merchant staff there: a shopper sees B's active products only
    expect((await listed(merchantA, { 'x-store-id': storeB })).nodes.map((node) => node.id)).toEqual([productsOf[storeB][0]]);
  });

  it('lets store A’s merchant neither update nor archive store B’s products, and changes nothing of them', async () => {
    const before = await rowsOf(storeB);
    const events = Number((await owner.query(`SELECT count(*) AS n FROM outbox_event`))[0].n);
    for (const id of productsOf[storeB]) {
      const updated = await catalog.client(merchantA).rawRequest<{ updateProduct: unknown }>(UPDATE, { id });
      expect(updated.data.updateProduct).toEqual({ product: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'] }] });
      const archived = await catalog.client(merchantA).rawRequest<{ archiveProduct: unknown }>(ARCHIVE, { id });
      expect(archived.data.archiveProduct).toEqual({ product: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'] }] });
    }
    expect(await rowsOf(storeB)).toEqual(before);
    expect(Number((await owner.query(`SELECT count(*) AS n FROM outbox_event`))[0].n)).toBe(events);
  });

  it('needs a store: a caller with none is refused with BAD_USER_INPUT; a platform admin without one sees every store', async () => {
    for (const token of [undefined, tokenFor([Role.CUSTOMER], null)]) {
      const result = await catalog.client(token).rawRequest(PRODUCTS);
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].message).toMatch(/needs a store/);
    }
    const staffWithoutStore = await catalog
      .client(tokenFor([Role.STORE_STAFF], null))
      .rawRequest<{ updateProduct: unknown }>(UPDATE, { id: productsOf[storeB][0] });
    expect(staffWithoutStore.data.updateProduct).toEqual({ product: null, userErrors: [{ code: 'STORE_REQUIRED', field: null }] });
    const admin = await listed(tokenFor([Role.PLATFORM_ADMIN], null));
    expect(admin.nodes.map((node) => node.id)).toEqual(expect.arrayContaining([...productsOf[storeA], ...productsOf[storeB]]));
  });

  describe('search', () => {
    const searched = async (query: string | null, token?: string, headers: Record<string, string> = {}) => {
      const result = await catalog
        .client(token, headers)
        .rawRequest<{ productSearch: { totalCount: number; products: { nodes: { id: string }[] } } }>(SEARCH, { query });
      expect(result.errors).toBeUndefined();
      return result.data.productSearch.products.nodes.map((node) => node.id).sort();
    };
    const suggested = async (prefix: string, token?: string, headers: Record<string, string> = {}) =>
      (await catalog.client(token, headers).rawRequest<{ searchSuggestions: { productId: string }[] }>(SUGGEST, { prefix })).data.searchSuggestions.map(
        (suggestion) => suggestion.productId,
      );

    beforeAll(async () => {
      // the documents follow the products' events
      await eventually(async () => (await searched(null, tokenFor([Role.PLATFORM_ADMIN], storeB))).length === 2, 10_000, 'store B’s documents');
      await eventually(async () => (await searched(null, merchantA)).length === 2, 10_000, 'store A’s documents');
    });

    it('keeps product_search_document under row-level security, and search_words_match to the transaction’s own store', async () => {
      await expect(catalog.runtime.dataSource.query(`SELECT product_id FROM product_search_document`)).rejects.toThrow(/no store scope/);
      const seen: { store_id: string }[] = await inScope(catalog.runtime.dataSource, storeA, (manager) =>
        manager.query(`SELECT store_id FROM product_search_document`),
      );
      expect(new Set(seen.map((row) => row.store_id))).toEqual(new Set([storeA]));
      // the owner's function answers for the scoped store only: naming store B from store A's transaction is refused
      const across = inScope(catalog.runtime.dataSource, storeA, (manager) =>
        manager.query(`SELECT product_id FROM search_words_match($1, websearch_to_tsquery('simple', 'kettle'))`, [storeB]),
      );
      await expect(across).rejects.toThrow(/no store scope/);
      await expect(
        catalog.runtime.dataSource.query(`SELECT product_id FROM search_words_match($1, websearch_to_tsquery('simple', 'kettle'))`, [storeB]),
      ).rejects.toThrow(/no store scope/);
      const own = await inScope(catalog.runtime.dataSource, storeA, (manager) =>
        manager.query(`SELECT product_id FROM search_words_match($1, websearch_to_tsquery('simple', 'kettle'))`, [storeA]),
      );
      expect(own.map((row: { product_id: string }) => row.product_id)).toEqual([productsOf[storeA][0]]);
    });

    it('finds and suggests only the caller’s store’s products, whoever asks and whatever store they name', async () => {
      expect(await searched('kettle', merchantA)).toEqual([productsOf[storeA][0]]);
      expect(await searched('ketle', merchantA)).toEqual([productsOf[storeA][0]]);
      expect(await searched('kettle', undefined, { 'x-store-id': storeB })).toEqual([productsOf[storeB][0]]);
      // store A's merchant naming store B is a shopper there: B's active products only, never A's
      expect(await searched('kettle', merchantA, { 'x-store-id': storeB })).toEqual([productsOf[storeB][0]]);
      expect(await searched('draft', merchantA, { 'x-store-id': storeB })).toEqual([]);
      expect(await suggested('kett', merchantA)).toEqual([productsOf[storeA][0]]);
      expect(await suggested('kett', undefined, { 'x-store-id': storeB })).toEqual([productsOf[storeB][0]]);
    });

    it('needs a store: a caller with none is refused with BAD_USER_INPUT', async () => {
      for (const token of [undefined, tokenFor([Role.CUSTOMER], null), tokenFor([Role.PLATFORM_ADMIN], null)]) {
        for (const [operation, variables] of [
          [SEARCH, { query: 'kettle' }],
          [SUGGEST, { prefix: 'kettle' }],
        ] as const) {
          const result = await catalog.client(token).rawRequest(operation, variables);
          expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        }
      }
    });
  });

  describe('store status', () => {
    const storeS = randomUUID();
    const merchantS = tokenFor([Role.MERCHANT], storeS);
    const admin = tokenFor([Role.PLATFORM_ADMIN], null);
    let productS: string;
    const shopper = { 'x-store-id': storeS };

    /** Moves store S to `status` and waits until the catalog's replica has it. */
    const setStoreStatus = storeStatusEvents(() => catalog);
    const moveTo = (status: StoreStatus) => setStoreStatus(storeS, status);
    /** What a shopper of store S sees: the product by id, the list, the reference. */
    const shopperView = async (headers: Record<string, string>, token?: string) => ({
      product: await product(productS, token, headers),
      products: (await listed(token, headers)).nodes.map((node) => node.id),
      entities: await entities([productS], token, headers),
    });
    const visible = () => ({ product: { id: productS }, products: [productS], entities: [{ id: productS }] });
    const hidden = { product: null, products: [], entities: [null] };

    beforeAll(async () => {
      productS = await create(merchantS, 'S lamp');
    });

    it('keeps a paused store’s storefront browsable', async () => {
      await moveTo(StoreStatus.PAUSED);
      expect(await shopperView(shopper)).toEqual(visible());
    });

    it('shows shoppers and other stores’ staff nothing of a suspended store, while its staff and platform admins see everything', async () => {
      await moveTo(StoreStatus.SUSPENDED);
      // the status reaches the subgraph as an event: a moment later
      await eventually(async () => (await product(productS, undefined, shopper)) === null, 10_000, 'the storefront hidden');
      expect(await shopperView(shopper)).toEqual(hidden);
      expect(await shopperView(shopper, tokenFor([Role.CUSTOMER], storeS))).toEqual(hidden);
      expect(await shopperView(shopper, merchantA)).toEqual(hidden);
      expect(await listed(undefined, shopper)).toEqual({ totalCount: 0, nodes: [] });
      const search = await catalog.client(undefined, shopper).rawRequest<{ productSearch: { totalCount: number } }>(SEARCH, { query: 'lamp' });
      expect(search.data.productSearch.totalCount).toBe(0);
      expect(
        (await catalog.client(undefined, shopper).rawRequest<{ searchSuggestions: unknown[] }>(SUGGEST, { prefix: 'lamp' })).data.searchSuggestions,
      ).toEqual([]);
      expect(
        (await catalog.client(merchantS).rawRequest<{ productSearch: { totalCount: number } }>(SEARCH, { query: 'lamp' })).data.productSearch.totalCount,
      ).toBe(1);

      expect(await shopperView({}, merchantS)).toEqual(visible());
      expect(await product(productS, admin)).toEqual({ id: productS });
      expect(await entities([productS], admin)).toEqual([{ id: productS }]);
      expect(await shopperView(shopper, admin)).toEqual(visible());
    });

    it('shows nothing of a closed store to shoppers, and brings the storefront back when the store is active again', async () => {
      await moveTo(StoreStatus.CLOSED);
      expect(await shopperView(shopper)).toEqual(hidden);
      await moveTo(StoreStatus.ACTIVE);
      await eventually(async () => (await product(productS, undefined, shopper)) !== null, 10_000, 'the storefront back');
      expect(await shopperView(shopper)).toEqual(visible());
    });
  });
});
