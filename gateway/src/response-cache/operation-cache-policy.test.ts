import { buildSchema, parse } from 'graphql';
import { SEARCH_MAX_AGE_SECONDS, STOREFRONT_CACHE_HINTS, type CacheHints } from './cache-hints';
import { operationCachePolicy, OperationCachePolicies, rootArguments } from './operation-cache-policy';
import { answerTags, INVALIDATING_EVENTS, NO_STORE, responseTags, tagsOfEvent } from './cache-tags';

const schema = buildSchema(`
  type Query { products(first: Int): ProductConnection! product(id: ID!): Product productVariant(id: ID!): ProductVariant me: User storeBySlug(slug: String!): Store categories: [Category!]! collection(id: ID!): Collection }
  type ProductVariant { id: ID! title: String! product: Product }
  type Category { id: ID! name: String! productCount: Int! }
  type Collection { title: String! }
  type Mutation { updateProduct(id: ID!): Product }
  type ProductConnection { nodes: [Product!]! totalCount: Int! }
  type Product { id: ID! title: String! price: Money! stock: Int! inventory: InventoryItem secret: String }
  type Money { amount: Int! currencyCode: String! }
  type InventoryItem { onHand: Int! }
  type User { id: ID! }
  type Store { id: ID! name: String! }
`);

/** The search fields as catalog declares them, enough for the policy to walk. */
const searchSchema = buildSchema(`
  type Query { productSearch(query: String): ProductSearchResult! searchSuggestions(prefix: String!): [SearchSuggestion!]! }
  type ProductSearchResult { totalCount: Int! facets: ProductSearchFacets! products: ProductConnection! }
  type ProductSearchFacets { vendors: [ProductSearchFacetValue!]! inStock: ProductSearchStockFacet! }
  type ProductSearchFacetValue { value: String! count: Int! }
  type ProductSearchStockFacet { inStock: Int! }
  type ProductConnection { nodes: [Product!]! }
  type Product { id: ID! title: String! }
  type SearchSuggestion { title: String! }
`);

const hints: CacheHints = {
  Query: { products: {}, product: {}, productVariant: {}, storeBySlug: { maxAge: 300 }, categories: {}, collection: {} },
  ProductVariant: { id: {}, title: {}, product: {} },
  Category: { id: {}, name: {}, productCount: {} },
  Collection: { title: {} },
  ProductConnection: { nodes: {}, totalCount: {} },
  Product: { id: {}, title: {}, price: {}, stock: { maxAge: 30 }, inventory: { scope: 'PRIVATE' } },
  Money: { amount: {}, currencyCode: {} },
  Store: { id: {}, name: {} },
};

const policyOf = (query: string, operationName?: string) => operationCachePolicy(schema, parse(query), operationName, hints, 60);

describe('operationCachePolicy', () => {
  it('caches a query whose every field is hinted public, for the smallest maxAge, default where none is named', () => {
    expect(policyOf('{ products(first: 5) { nodes { id title price { amount } } totalCount } }')).toMatchObject({ maxAgeSeconds: 60 });
    expect(policyOf('{ products { nodes { title stock } } }')).toMatchObject({ maxAgeSeconds: 30 });
    expect(policyOf('{ storeBySlug(slug: "a") { name } }')).toMatchObject({ maxAgeSeconds: 300 });
    expect(policyOf('{ storeBySlug(slug: "a") { name } products { totalCount } }')).toMatchObject({ maxAgeSeconds: 60 });
  });

  it('follows fragments and inline fragments, and ignores __typename', () => {
    const policy = policyOf(
      'query Q { ...Roots } fragment Roots on Query { product(id: "p") { __typename ... on Product { title } ...Price } } fragment Price on Product { price { amount } }',
    );
    expect(policy?.roots.map((root) => root.name)).toEqual(['product']);
  });

  it('refuses a mutation, an unhinted field, a PRIVATE one, introspection and a per-user root', () => {
    expect(policyOf('mutation { updateProduct(id: "p") { title } }')).toBeNull();
    expect(policyOf('{ product(id: "p") { secret } }')).toBeNull();
    expect(policyOf('{ product(id: "p") { inventory { onHand } } }')).toBeNull();
    expect(policyOf('{ products { totalCount } me { id } }')).toBeNull();
    expect(policyOf('{ __schema { queryType { name } } }')).toBeNull();
    expect(policyOf('{ products { totalCount } }', 'Missing')).toBeNull();
  });

  it('tags by root field: the product asked for, the store list, the lookup, the store asked in', () => {
    const single = policyOf('query P($id: ID!) { product(id: $id) { title } }')!;
    expect(rootArguments(single.roots[0], { id: 'p-1' })).toEqual({ id: 'p-1' });
    expect(responseTags(single, { id: 'p-1' }, 'store-a')).toEqual(['store:store-a', 'Product:p-1', 'Catalog:groups:store-a']);
    expect(responseTags(policyOf('{ products { totalCount } storeBySlug(slug: "x") { id } }')!, {}, 'store-a')).toEqual([
      'store:store-a',
      'Product:list:store-a',
      'Catalog:groups:store-a',
      'Store:lookup',
    ]);
    // a list asked in no store is tied to no store's events: not cached
    expect(responseTags(policyOf('{ products { totalCount } }')!, {}, NO_STORE)).toBeNull();
  });

  it('files a variant under its product, read from the answer, and keeps no answer that does not name it', () => {
    const named = policyOf('query V($id: ID!) { v: productVariant(id: $id) { title product { pid: id } } product(id: "p-2") { title } }')!;
    expect(responseTags(named, { id: 'v-1' }, 'store-a')).toEqual(['store:store-a', 'Product:v-1', 'Catalog:groups:store-a', 'Product:p-2']);
    expect(answerTags(named.roots, { v: { title: 'M', product: { pid: 'p-1' } }, product: { title: 'x' } })).toEqual(['Product:p-1']);
    // not found or hidden: nothing to be invalidated by, so not kept
    expect(answerTags(named.roots, { v: null, product: null })).toBeNull();
    const unnamed = policyOf('{ productVariant(id: "v-1") { title } }')!;
    expect(answerTags(unnamed.roots, { productVariant: { title: 'M' } })).toBeNull();
    expect(answerTags(policyOf('{ product(id: "p") { title } }')!.roots, { product: null })).toEqual([]);
  });

  it('files category and collection reads under the store’s categories and collections and its product list', () => {
    const tree = policyOf('{ categories { id name productCount } }')!;
    expect(responseTags(tree, {}, 'store-a')).toEqual(['store:store-a', 'Catalog:groups:store-a', 'Product:list:store-a']);
    expect(responseTags(policyOf('{ collection(id: "c") { title } }')!, {}, 'store-a')).toEqual([
      'store:store-a',
      'Catalog:groups:store-a',
      'Product:list:store-a',
    ]);
    expect(responseTags(tree, {}, NO_STORE)).toBeNull();
  });

  it('caches a storefront search for at most SEARCH_MAX_AGE_SECONDS, filed under the store’s product lists, which product, stock, category and collection events drop', () => {
    const search = operationCachePolicy(
      searchSchema,
      parse(
        'query S($q: String) { productSearch(query: $q) { totalCount facets { vendors { value count } inStock { inStock } } products { nodes { id title } } } searchSuggestions(prefix: "x") { title } }',
      ),
      undefined,
      STOREFRONT_CACHE_HINTS,
      300,
    )!;
    expect(search.maxAgeSeconds).toBe(SEARCH_MAX_AGE_SECONDS);
    expect(responseTags(search, { q: 'shirt' }, 'store-a')).toEqual(['store:store-a', 'Product:list:store-a', 'Catalog:groups:store-a']);
    expect(responseTags(search, {}, NO_STORE)).toBeNull();
    for (const type of [
      'catalog.product-updated',
      'catalog.product-categories-changed',
      'catalog.collection-updated',
      'catalog.collection-deleted',
      'inventory.stock-changed',
    ]) {
      expect(INVALIDATING_EVENTS).toContain(type);
      const event = {
        id: 'e',
        type,
        occurredAt: '',
        storeId: 'store-a',
        aggregateId: 'x',
        aggregateVersion: 1,
        causationId: null,
        correlationId: 'c',
        data: {},
      };
      expect(tagsOfEvent(event)).toContain('Product:list:store-a');
    }
  });

  it('works a document out once', () => {
    const policies = new OperationCachePolicies(hints, 60);
    const document = parse('{ products { totalCount } }');
    expect(policies.of(schema, document, undefined)).toBe(policies.of(schema, document, undefined));
  });
});
