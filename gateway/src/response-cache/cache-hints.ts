/**
 * A field's cache hint, as `@cacheControl(maxAge, scope)` states one. Without a maxAge, a root field or
 * one returning an object takes RESPONSE_CACHE_DEFAULT_MAX_AGE and a leaf inherits its parent's.
 */
export interface CacheHint {
  maxAge?: number;
  scope?: 'PUBLIC' | 'PRIVATE';
}

/** Per type, the fields a public read may select, each with its hint; a field missing here makes a response uncacheable. */
export type CacheHints = Readonly<Record<string, Readonly<Record<string, CacheHint>>>>;

const PUBLIC: CacheHint = {};
const PRIVATE: CacheHint = { scope: 'PRIVATE' };
const everyField = (...fields: string[]) => Object.fromEntries(fields.map((field) => [field, PUBLIC]));
/**
 * Search answers come from catalog's search documents, which catalog updates from the same events the
 * gateway drops the store's tags on: a search asked between the two may be cached with the old
 * document. A short maxAge bounds that window; the events still drop the entry at once.
 */
export const SEARCH_MAX_AGE_SECONDS = 5;
const SEARCH: CacheHint = { maxAge: SEARCH_MAX_AGE_SECONDS };

/** The storefront's reads of a store's category tree and collections (invalidated by tag: cache-tags.ts). */
const CATALOG_GROUP_QUERIES = ['category', 'categoryByHandle', 'categories', 'collection', 'collectionByHandle', 'collections'];

/**
 * What the storefront reads and may be served from the response cache: the catalog and the stores
 * subgraphs' public fields (the category tree and collections included), and the stock inventory adds
 * to a product (kept only until the next inventory.stock-changed, like prices until
 * catalog.product-updated and categories until their catalog event: cache-tags.ts).
 *
 * Kept at the gateway, not as `@cacheControl` in the subgraphs: Federation 2 composition drops a
 * directive it is not told to compose (`@composeDirective`), and the gateway runs no field resolvers
 * for Apollo's cache-control plugin to read hints in, so a hint declared in a subgraph never reaches
 * the gateway's decision. Everything not listed (orders, customers, accounts, staff-only settings, a
 * product's InventoryItem) is uncached; a PRIVATE field makes the whole response uncached.
 */
export const STOREFRONT_CACHE_HINTS: CacheHints = {
  Query: {
    ...everyField('product', 'products', 'productVariant', 'store', 'storeBySlug', 'storeByDomain', ...CATALOG_GROUP_QUERIES),
    productSearch: SEARCH,
    searchSuggestions: SEARCH,
  },
  Product: {
    ...everyField('id', 'storeId', 'title', 'description', 'handle', 'status', 'category', 'imageUrl', 'createdAt', 'updatedAt', 'price', 'stock', 'inStock'),
    ...everyField('variants', 'options', 'priceRange', 'tags', 'vendor', 'productType', 'seoTitle', 'seoDescription', 'publishedAt'),
    ...everyField('categories', 'collections'),
    // on-hand, reserved and thresholds: the store's staff's
    inventory: PRIVATE,
  },
  // a variant's answer is tagged with its product (cache-tags.ts answerTags): a variant change is a product event
  ProductVariant: everyField(
    'id',
    'product',
    'title',
    'sku',
    'barcode',
    'price',
    'compareAtPrice',
    'weightGrams',
    'trackInventory',
    'selectedOptions',
    'position',
    'createdAt',
    'updatedAt',
  ),
  ProductOption: everyField('id', 'name', 'position', 'values'),
  SelectedOption: everyField('name', 'value'),
  PriceRange: everyField('min', 'max'),
  Money: everyField('amount', 'currencyCode'),
  ProductConnection: everyField('edges', 'nodes', 'pageInfo', 'totalCount'),
  ProductEdge: everyField('cursor', 'node'),
  // the category tree and collections: what a shopper sees of them is public (drafts and unpublished collections are the staff's, who are never cached)
  Category: everyField(
    'id',
    'storeId',
    'name',
    'handle',
    'description',
    'position',
    'depth',
    'createdAt',
    'updatedAt',
    'parent',
    'children',
    'breadcrumbs',
    'productCount',
    'products',
  ),
  Collection: everyField(
    'id',
    'storeId',
    'title',
    'handle',
    'description',
    'kind',
    'rules',
    'match',
    'sortOrder',
    'published',
    'createdAt',
    'updatedAt',
    'products',
    'productsCount',
  ),
  CollectionRule: everyField('field', 'relation', 'value', 'optionName'),
  CollectionConnection: everyField('edges', 'nodes', 'pageInfo', 'totalCount'),
  CollectionEdge: everyField('cursor', 'node'),
  ProductSearchResult: everyField('totalCount', 'products', 'facets', 'textMatch'),
  ProductSearchFacets: everyField('categories', 'collections', 'vendors', 'productTypes', 'tags', 'options', 'priceRanges', 'inStock'),
  ProductSearchFacetValue: everyField('value', 'count', 'category', 'collection'),
  ProductSearchOptionFacet: everyField('name', 'values'),
  ProductSearchPriceRange: everyField('min', 'max', 'count'),
  ProductSearchStockFacet: everyField('inStock', 'outOfStock'),
  SearchSuggestion: everyField('productId', 'title', 'score'),
  PageInfo: everyField('hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor'),
  Store: {
    ...everyField('id', 'ownerId', 'name', 'slug', 'domain', 'email', 'phone', 'currency', 'locale', 'timezone', 'theme', 'status', 'createdAt', 'updatedAt'),
    ...everyField('customDomain'),
    settings: PRIVATE,
    customDomainVerification: PRIVATE,
  },
  StoreTheme: everyField('colors', 'typography', 'layout', 'customCss'),
  ThemeColors: everyField('primary', 'secondary', 'background', 'text', 'accent'),
  ThemeTypography: everyField('headingFont', 'bodyFont', 'baseFontSize'),
  ThemeLayout: everyField('headerStyle', 'containerWidth', 'productGridColumns', 'borderRadius'),
};
