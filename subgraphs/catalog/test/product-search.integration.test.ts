import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { eventually } from '../../kit/test/support/test-names';
import { catalogSubgraph } from '../src/catalog.subgraph';
import { searchEvents, type ContractVariant } from './support/search-events';

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
const ARCHIVE = gql`
  mutation ($id: ID!) {
    archiveProduct(input: { id: $id }) {
      userErrors {
        code
      }
    }
  }
`;
const SEARCH = gql`
  query ($query: String, $filter: ProductSearchFilter, $sort: ProductSearchSort, $first: Int, $after: String) {
    productSearch(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      textMatch
      products {
        totalCount
        pageInfo {
          hasNextPage
          hasPreviousPage
          endCursor
        }
        nodes {
          id
          title
        }
      }
      facets {
        categories {
          value
          count
        }
        collections {
          value
          count
        }
        vendors {
          value
          count
        }
        productTypes {
          value
          count
        }
        tags {
          value
          count
        }
        options {
          name
          values {
            value
            count
          }
        }
        priceRanges {
          min
          max
          count
        }
        inStock {
          inStock
          outOfStock
        }
      }
    }
  }
`;
const SUGGEST = gql`
  query ($prefix: String!, $first: Int) {
    searchSuggestions(prefix: $prefix, first: $first) {
      productId
      title
      score
    }
  }
`;

interface FacetValue {
  value: string;
  count: number;
}
export interface SearchResult {
  totalCount: number;
  textMatch: string;
  products: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    nodes: { id: string; title: string }[];
  };
  facets: {
    categories: FacetValue[];
    collections: FacetValue[];
    vendors: FacetValue[];
    productTypes: FacetValue[];
    tags: FacetValue[];
    options: { name: string; values: FacetValue[] }[];
    priceRanges: { min: number; max: number | null; count: number }[];
    inStock: { inStock: number; outOfStock: number };
  };
}
interface Filter {
  categoryIds?: string[];
  collectionIds?: string[];
  vendors?: string[];
  productTypes?: string[];
  tags?: string[];
  options?: { name: string; value: string }[];
  priceMin?: number;
  priceMax?: number;
  inStock?: boolean;
  status?: string;
}
interface DocumentRow {
  product_id: string;
  vendor: string | null;
  product_type: string | null;
  tags: string[];
  option_values: string[];
  category_path_ids: string[];
  collection_ids: string[];
  price_min: string;
  price_max: string;
  in_stock: boolean;
}

const USD = (amount: number) => ({ amount, currencyCode: 'USD' });
const variant = (
  variantId: string,
  amount: number,
  options: Record<string, string> = {},
  sku: string | null = null,
  trackInventory = true,
): ContractVariant => ({
  variantId,
  sku,
  price: USD(amount),
  trackInventory,
  options: Object.entries(options).map(([name, value]) => ({ name, value })),
});

describe('catalog: product search with facets', () => {
  const storeA = randomUUID();
  const storeB = randomUUID();
  const storeDe = randomUUID();
  const storeEn = randomUUID();
  const merchantA = tokenFor([Role.MERCHANT], storeA);
  const shopperA: Record<string, string> = { 'x-store-id': storeA };
  let catalog: TestSubgraph;
  let owner: DataSource;
  const events = searchEvents(() => catalog);
  const ids: Record<string, string> = {};
  const variants: Record<string, string[]> = {};
  const category = { men: randomUUID(), tops: randomUUID(), bottoms: randomUUID(), women: randomUUID() };
  const sale = randomUUID();

  const create = async (token: string, title: string, description: string, status = 'ACTIVE', amount = 1000) => {
    const result = await catalog.client(token).rawRequest<{ createProduct: { product: { id: string } } }>(CREATE, {
      input: { title, description, status, price: USD(amount) },
    });
    expect(result.errors).toBeUndefined();
    return result.data.createProduct.product.id;
  };
  const search = async (variables: { query?: string; filter?: Filter; sort?: string; first?: number; after?: string }, token?: string, headers = shopperA) => {
    const result = await catalog.client(token, headers).rawRequest<{ productSearch: SearchResult }>(SEARCH, variables);
    expect(result.errors).toBeUndefined();
    return result.data.productSearch;
  };
  const titles = (result: SearchResult) => result.products.nodes.map((node) => node.title);
  const suggest = async (prefix: string, headers: Record<string, string> = shopperA) => {
    const result = await catalog.client(undefined, headers).rawRequest<{ searchSuggestions: { productId: string; title: string }[] }>(SUGGEST, { prefix });
    expect(result.errors).toBeUndefined();
    return result.data.searchSuggestions.map((suggestion) => suggestion.title);
  };

  beforeAll(async () => {
    catalog = await startTestSubgraph(catalogSubgraph);
    owner = await openOwnerConnection(catalog.runtime.config);
    await events.storeCreated(storeA, 'en-US');
    await events.storeCreated(storeDe, 'de-DE');
    await events.storeCreated(storeEn, 'en');

    ids.candle = await create(merchantA, 'Crème Brûlée Candle', 'Smells of vanilla.');
    ids.tshirt = await create(merchantA, 'Classic T-Shirt', 'Soft organic cotton.');
    ids.trousers = await create(merchantA, 'Linen Trousers', 'A relaxed fit for warm days.');
    ids.dress = await create(merchantA, 'Summer Dress', 'Made of light linen.');
    ids.draft = await create(merchantA, 'Draft Hoodie', 'Not ready yet.', 'DRAFT');
    ids.scarf = await create(merchantA, 'Old Scarf', 'Wool.');
    ids.jacket = await create(merchantA, 'Future Jacket', 'Out next month.');
    ids.otherShirt = await create(tokenFor([Role.MERCHANT], storeB), 'Classic T-Shirt', 'Store B’s own.');
    ids.haus = await create(tokenFor([Role.MERCHANT], storeDe), 'Häuser aus Holz', 'Ein Bausatz.');
    ids.house = await create(tokenFor([Role.MERCHANT], storeEn), 'Häuser aus Holz', 'A kit.');

    variants.tshirt = [ids.tshirt, randomUUID(), randomUUID()];
    await events.productUpdated(storeA, {
      productId: ids.tshirt,
      title: 'Classic T-Shirt',
      status: 'ACTIVE',
      tags: ['summer', 'cotton'],
      vendor: 'Acme',
      productType: 'Shirts',
      publishedAt: null,
      variants: [
        variant(variants.tshirt[0], 1500, { Size: 'S', Colour: 'Red' }, 'TS-RED-S'),
        variant(variants.tshirt[1], 1500, { Size: 'M', Colour: 'Red' }, 'TS-RED-M'),
        variant(variants.tshirt[2], 2500, { Size: 'M', Colour: 'Blue' }, 'TS-BLUE-M'),
      ],
    });
    await events.productUpdated(storeA, {
      productId: ids.trousers,
      title: 'Linen Trousers',
      status: 'ACTIVE',
      tags: ['summer'],
      vendor: 'Acme',
      productType: 'Trousers',
      publishedAt: null,
      variants: [variant(ids.trousers, 4000, { Size: 'L' }, 'LT-L')],
    });
    variants.dress = [ids.dress, randomUUID()];
    await events.productUpdated(storeA, {
      productId: ids.dress,
      title: 'Summer Dress',
      status: 'ACTIVE',
      tags: ['summer'],
      vendor: 'Bloom',
      productType: 'Dresses',
      publishedAt: '2020-01-01T00:00:00.000Z',
      variants: [variant(variants.dress[0], 6000, { Size: 'S' }), variant(variants.dress[1], 6000, { Size: 'M' })],
    });
    await events.productUpdated(storeA, {
      productId: ids.candle,
      title: 'Crème Brûlée Candle',
      status: 'ACTIVE',
      tags: ['gift'],
      vendor: 'Glow',
      productType: 'Home',
      publishedAt: null,
      variants: [variant(ids.candle, 900, {}, null, false)],
    });
    await events.productUpdated(storeA, {
      productId: ids.jacket,
      title: 'Future Jacket',
      status: 'ACTIVE',
      tags: [],
      vendor: 'Acme',
      productType: 'Jackets',
      publishedAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      variants: [variant(ids.jacket, 9000)],
    });
    await events.categoriesChanged(storeA, ids.tshirt, [category.men, category.tops]);
    await events.categoriesChanged(storeA, ids.trousers, [category.men, category.bottoms]);
    await events.categoriesChanged(storeA, ids.dress, [category.women]);
    await events.collectionUpdated(storeA, sale, [ids.tshirt, ids.dress]);
    await events.stockChanged(storeA, ids.tshirt, variants.tshirt[0], 5);
    await events.stockChanged(storeA, ids.dress, variants.dress[1], 2);
    // every document of the plain products (created, never updated by a contract event) is in
    for (const name of ['draft', 'scarf']) await eventually(async () => Number((await events.documentOf(storeA, ids[name]))?.version) > 0, 10_000, name);
    for (const [store, name] of [
      [storeB, 'otherShirt'],
      [storeDe, 'haus'],
      [storeEn, 'house'],
    ]) {
      await eventually(async () => Number((await events.documentOf(store, ids[name]))?.version) > 0, 10_000, name);
    }
  });
  afterAll(async () => {
    await owner?.destroy();
    await catalog?.close();
  });

  describe('text matching', () => {
    it('ranks a title hit above a description hit', async () => {
      const result = await search({ query: 'linen' });
      expect(result.textMatch).toBe('WORDS');
      expect(titles(result)).toEqual(['Linen Trousers', 'Summer Dress']);
    });

    it('ignores accents: "creme brulee" finds "Crème Brûlée Candle"', async () => {
      expect(titles(await search({ query: 'creme brulee' }))).toEqual(['Crème Brûlée Candle']);
      expect(titles(await search({ query: 'CRÈME' }))).toEqual(['Crème Brûlée Candle']);
    });

    it('finds a SKU, a vendor and a tag', async () => {
      expect(titles(await search({ query: 'TS-BLUE-M' }))).toEqual(['Classic T-Shirt']);
      expect(titles(await search({ query: 'bloom' }))).toEqual(['Summer Dress']);
      expect(titles(await search({ query: 'gift' }))).toEqual(['Crème Brûlée Candle']);
    });

    it('finds a misspelt query by similar spelling when no word matches', async () => {
      const result = await search({ query: 'tshrit' });
      expect(result.textMatch).toBe('SIMILAR_SPELLING');
      expect(titles(result)[0]).toBe('Classic T-Shirt');
      expect(titles(await search({ query: 'trousres' }))[0]).toBe('Linen Trousers');
    });

    it('finds nothing for words nothing resembles', async () => {
      const result = await search({ query: 'xylophone' });
      expect(result.totalCount).toBe(0);
      expect(result.products.nodes).toEqual([]);
    });

    it('stems in the store’s language: a German store finds "Häuser" for "Haus", an English one only by spelling', async () => {
      const german = await search({ query: 'Haus' }, undefined, { 'x-store-id': storeDe });
      expect(german.textMatch).toBe('WORDS');
      expect(titles(german)).toEqual(['Häuser aus Holz']);
      expect((await events.documentOf(storeDe, ids.haus))?.search_config).toBe('german');
      const english = await search({ query: 'Haus' }, undefined, { 'x-store-id': storeEn });
      expect(english.textMatch).toBe('SIMILAR_SPELLING');
    });
  });

  describe('visibility', () => {
    it('shows shoppers ACTIVE, published products only; staff see every status and may pick one', async () => {
      const shopper = titles(await search({ first: 100 }));
      expect(shopper.sort()).toEqual(['Classic T-Shirt', 'Crème Brûlée Candle', 'Linen Trousers', 'Old Scarf', 'Summer Dress']);
      const staff = titles(await search({ first: 100 }, merchantA, {}));
      expect(staff).toEqual(expect.arrayContaining(['Draft Hoodie', 'Future Jacket']));
      expect(titles(await search({ filter: { status: 'DRAFT' } }, merchantA, {}))).toEqual(['Draft Hoodie']);
      // a shopper asking for drafts still gets ACTIVE products only
      expect(titles(await search({ query: 'hoodie', filter: { status: 'DRAFT' } }))).not.toContain('Draft Hoodie');
    });

    it('takes an archived product out of shoppers’ results', async () => {
      expect(titles(await search({ query: 'scarf' }))).toEqual(['Old Scarf']);
      const archived = await catalog.client(merchantA).rawRequest<{ archiveProduct: { userErrors: unknown[] } }>(ARCHIVE, { id: ids.scarf });
      expect(archived.data.archiveProduct.userErrors).toEqual([]);
      await eventually(async () => (await events.documentOf(storeA, ids.scarf))?.status === 'ARCHIVED', 10_000, 'the scarf archived');
      expect((await search({ query: 'scarf' })).totalCount).toBe(0);
      expect(titles(await search({ query: 'scarf', filter: { status: 'ARCHIVED' } }, merchantA, {}))).toEqual(['Old Scarf']);
    });

    it('never shows another store’s products', async () => {
      for (const query of ['classic', 'tshrit', 'TS-RED-S']) {
        const found = (await search({ query })).products.nodes.map((node) => node.id);
        expect(found).not.toContain(ids.otherShirt);
      }
      const inB = await search({ query: 'classic' }, undefined, { 'x-store-id': storeB });
      expect(inB.products.nodes.map((node) => node.id)).toEqual([ids.otherShirt]);
      expect(inB.facets.vendors).toEqual([]);
      expect(await suggest('classic', { 'x-store-id': storeB })).toEqual(['Classic T-Shirt']);
    });
  });

  describe('filters', () => {
    const cases: [string, Filter, string[]][] = [
      ['a category with its descendants', { categoryIds: [category.men] }, ['Classic T-Shirt', 'Linen Trousers']],
      ['a child category', { categoryIds: [category.tops] }, ['Classic T-Shirt']],
      ['a collection', { collectionIds: [sale] }, ['Classic T-Shirt', 'Summer Dress']],
      ['vendors (any of)', { vendors: ['Bloom', 'Glow'] }, ['Crème Brûlée Candle', 'Summer Dress']],
      ['a product type', { productTypes: ['Trousers'] }, ['Linen Trousers']],
      ['tags, case-insensitively', { tags: ['GIFT'] }, ['Crème Brûlée Candle']],
      ['one option value', { options: [{ name: 'Size', value: 'M' }] }, ['Classic T-Shirt', 'Summer Dress']],
      [
        'values of one option (any) and of another (all)',
        {
          options: [
            { name: 'Size', value: 'S' },
            { name: 'Size', value: 'L' },
            { name: 'Colour', value: 'Red' },
          ],
        },
        ['Classic T-Shirt'],
      ],
      ['a price range overlapping the variants’ prices', { priceMin: 2000, priceMax: 5000 }, ['Classic T-Shirt', 'Linen Trousers']],
      ['in stock (tracked with units, or untracked)', { inStock: true }, ['Classic T-Shirt', 'Crème Brûlée Candle', 'Summer Dress']],
      ['sold out', { inStock: false }, ['Linen Trousers']],
      ['several at once', { vendors: ['Acme'], inStock: true, tags: ['summer'] }, ['Classic T-Shirt']],
    ];
    it.each(cases)('filters by %s', async (_name, filter, expected) => {
      expect(titles(await search({ filter, first: 100 })).sort()).toEqual([...expected].sort());
    });

    it('counts each facet under every filter except its own, as a brute-force count over the documents does', async () => {
      const combinations: { query?: string; filter: Filter }[] = [
        { filter: {} },
        { filter: { vendors: ['Acme'] } },
        { filter: { vendors: ['Acme'], tags: ['summer'], inStock: true } },
        { filter: { options: [{ name: 'Size', value: 'M' }], priceMax: 3000 } },
        {
          filter: {
            categoryIds: [category.men],
            collectionIds: [sale],
            options: [
              { name: 'Colour', value: 'Red' },
              { name: 'Size', value: 'M' },
            ],
          },
        },
        { query: 'summer', filter: { productTypes: ['Dresses', 'Shirts'] } },
      ];
      for (const { query, filter } of combinations) {
        const result = await search({ query, filter, first: 100 });
        const documents = await visibleDocuments(result, query);
        expect(result.facets).toEqual(bruteForceFacets(documents, filter));
        expect(result.totalCount).toBe(documents.filter((document) => passes(document, filter, null)).length);
      }
    });

    it('counts a product failing exactly one filter for that filter’s facet only, and one failing two for none', async () => {
      // t-shirt passes both; trousers fail only Size (L); the dress fails only the vendor (Bloom); the candle fails both
      const result = await search({ filter: { vendors: ['Acme'], options: [{ name: 'Size', value: 'M' }] } });
      expect(result.totalCount).toBe(1);
      expect(result.facets).toEqual({
        categories: expect.arrayContaining([
          { value: category.men, count: 1 },
          { value: category.tops, count: 1 },
        ]),
        collections: [{ value: sale, count: 1 }],
        vendors: [
          { value: 'Acme', count: 1 },
          { value: 'Bloom', count: 1 },
        ],
        productTypes: [{ value: 'Shirts', count: 1 }],
        tags: [
          { value: 'cotton', count: 1 },
          { value: 'summer', count: 1 },
        ],
        options: [
          {
            name: 'Colour',
            values: [
              { value: 'Blue', count: 1 },
              { value: 'Red', count: 1 },
            ],
          },
          {
            name: 'Size',
            values: [
              { value: 'L', count: 1 },
              { value: 'M', count: 1 },
              { value: 'S', count: 1 },
            ],
          },
        ],
        priceRanges: [{ min: 1000, max: 2500, count: 1 }],
        inStock: { inStock: 1, outOfStock: 0 },
      });
      expect(result.facets.categories).toHaveLength(2);
    });

    /** The documents the text query matched (all visible ones without a query), read as the database owner. */
    async function visibleDocuments(result: SearchResult, query: string | undefined): Promise<DocumentRow[]> {
      const all: DocumentRow[] = await owner.query(
        `SELECT * FROM product_search_document WHERE store_id = $1 AND title IS NOT NULL AND status = 'ACTIVE' AND (published_at IS NULL OR published_at <= now())`,
        [storeA],
      );
      if (!query) return all;
      const unfiltered = await search({ query, first: 100 });
      const matched = new Set(unfiltered.products.nodes.map((node) => node.id));
      expect(unfiltered.totalCount).toBeLessThan(100);
      expect(result.totalCount).toBeLessThanOrEqual(unfiltered.totalCount);
      return all.filter((document) => matched.has(document.product_id));
    }
  });

  describe('sorting and paging', () => {
    it('sorts by price both ways and by newest, and pages with cursors', async () => {
      expect(titles(await search({ sort: 'PRICE_ASC' }))).toEqual(['Crème Brûlée Candle', 'Classic T-Shirt', 'Linen Trousers', 'Summer Dress']);
      expect(titles(await search({ sort: 'PRICE_DESC' }))).toEqual(['Summer Dress', 'Linen Trousers', 'Classic T-Shirt', 'Crème Brûlée Candle']);
      // created candle, t-shirt, trousers, dress (the scarf is archived by now)
      expect(titles(await search({ sort: 'NEWEST' }))).toEqual(['Summer Dress', 'Linen Trousers', 'Classic T-Shirt', 'Crème Brûlée Candle']);
      const first = await search({ sort: 'PRICE_ASC', first: 3 });
      expect(first.products.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      const second = await search({ sort: 'PRICE_ASC', first: 3, after: first.products.pageInfo.endCursor! });
      expect(titles(second)).toEqual(['Summer Dress']);
      expect(second.products.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
      expect(second.totalCount).toBe(4);
    });

    it('pages by relevance', async () => {
      const first = await search({ query: 'linen', first: 1 });
      expect(titles(first)).toEqual(['Linen Trousers']);
      const second = await search({ query: 'linen', first: 1, after: first.products.pageInfo.endCursor! });
      expect(titles(second)).toEqual(['Summer Dress']);
    });

    it('refuses a page size over 100, a foreign cursor, an overlong query and a category id that is no id with BAD_USER_INPUT', async () => {
      const newest = await search({ sort: 'NEWEST', first: 1 });
      for (const variables of [
        { first: 101 },
        { sort: 'PRICE_ASC', after: newest.products.pageInfo.endCursor },
        { after: 'garbage' },
        { query: 'x'.repeat(201) },
        { filter: { categoryIds: ['not-an-id'] } },
      ]) {
        const result = await catalog.client(undefined, shopperA).rawRequest(SEARCH, variables);
        expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      }
    });
  });

  describe('stock', () => {
    it('moves a product between the stock facet’s counts when inventory.stock-changed arrives', async () => {
      const before = (await search({})).facets.inStock;
      expect(before).toEqual({ inStock: 3, outOfStock: 1 });
      await events.stockChanged(storeA, ids.trousers, ids.trousers, 3);
      expect((await search({})).facets.inStock).toEqual({ inStock: 4, outOfStock: 0 });
      expect(titles(await search({ filter: { inStock: false } }))).toEqual([]);
      await events.stockChanged(storeA, ids.trousers, ids.trousers, 0);
      expect((await search({})).facets.inStock).toEqual(before);
    });
  });

  describe('suggestions', () => {
    it('suggests titles by prefix and despite typos, shoppers’ visible products only', async () => {
      expect(await suggest('clas')).toEqual(['Classic T-Shirt']);
      expect((await suggest('tshirt'))[0]).toBe('Classic T-Shirt');
      expect((await suggest('candel'))[0]).toBe('Crème Brûlée Candle');
      expect((await suggest('creme'))[0]).toBe('Crème Brûlée Candle');
      expect(await suggest('hoodie')).toEqual([]);
    });
  });
});

/** Whether a document passes the filter, leaving out the facet `except` (an option name as `option:<name>`). */
function passes(document: DocumentRow, filter: Filter, except: string | null): boolean {
  const any = <T>(values: T[] | undefined, test: (value: T) => boolean) => !values || values.length === 0 || values.some(test);
  if (except !== 'categories' && !any(filter.categoryIds, (id) => document.category_path_ids.includes(id))) return false;
  if (except !== 'collections' && !any(filter.collectionIds, (id) => document.collection_ids.includes(id))) return false;
  if (except !== 'vendors' && !any(filter.vendors, (vendor) => document.vendor === vendor)) return false;
  if (except !== 'productTypes' && !any(filter.productTypes, (type) => document.product_type === type)) return false;
  if (except !== 'tags' && !any(filter.tags, (tag) => document.tags.includes(tag.toLowerCase()))) return false;
  const names = new Set((filter.options ?? []).map((option) => option.name));
  for (const name of names) {
    if (except === `option:${name}`) continue;
    const wanted = filter.options!.filter((option) => option.name === name).map((option) => `${name}:${option.value}`);
    if (!wanted.some((value) => document.option_values.includes(value))) return false;
  }
  if (except !== 'price') {
    if (filter.priceMin !== undefined && Number(document.price_max) < filter.priceMin) return false;
    if (filter.priceMax !== undefined && Number(document.price_min) > filter.priceMax) return false;
  }
  if (except !== 'inStock' && filter.inStock !== undefined && document.in_stock !== filter.inStock) return false;
  return true;
}

/** The facets computed the slow way: for each facet, the documents passing every other filter, counted per value. */
function bruteForceFacets(documents: DocumentRow[], filter: Filter): SearchResult['facets'] {
  const count = (key: string, valuesOf: (document: DocumentRow) => (string | null)[]) => {
    const counts = new Map<string, number>();
    for (const document of documents.filter((candidate) => passes(candidate, filter, key))) {
      for (const value of valuesOf(document)) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return [...counts.entries()].map(([value, n]) => ({ value, count: n })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  };
  const optionNames = [...new Set(documents.flatMap((document) => document.option_values.map((value) => value.split(':')[0])))].sort();
  const options = optionNames
    .map((name) => ({
      name,
      values: count(`option:${name}`, (document) =>
        document.option_values.filter((value) => value.startsWith(`${name}:`)).map((value) => value.slice(name.length + 1)),
      ),
    }))
    .filter((option) => option.values.length > 0);
  const buckets: [number, number | null][] = [
    [0, 1000],
    [1000, 2500],
    [2500, 5000],
    [5000, 10000],
    [10000, 25000],
    [25000, 50000],
    [50000, 100000],
    [100000, null],
  ];
  const priced = documents.filter((document) => passes(document, filter, 'price'));
  const priceRanges = buckets
    .map(([min, max]) => ({
      min,
      max,
      count: priced.filter((document) => Number(document.price_min) >= min && (max === null || Number(document.price_min) < max)).length,
    }))
    .filter((bucket) => bucket.count > 0);
  const stocked = documents.filter((document) => passes(document, filter, 'inStock'));
  return {
    categories: count('categories', (document) => document.category_path_ids),
    collections: count('collections', (document) => document.collection_ids),
    vendors: count('vendors', (document) => [document.vendor]),
    productTypes: count('productTypes', (document) => [document.product_type]),
    tags: count('tags', (document) => document.tags),
    options,
    priceRanges,
    inStock: { inStock: stocked.filter((document) => document.in_stock).length, outOfStock: stocked.filter((document) => !document.in_stock).length },
  };
}
