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

/**
 * What the storefront reads and may be served from the response cache: the catalog and the stores
 * subgraphs' public fields, and the stock inventory adds to a product (kept only until the next
 * inventory.stock-changed, like prices until catalog.product-updated: cache-invalidation.ts).
 *
 * Kept at the gateway, not as `@cacheControl` in the subgraphs: Federation 2 composition drops a
 * directive it is not told to compose (`@composeDirective`), and the gateway runs no field resolvers
 * for Apollo's cache-control plugin to read hints in, so a hint declared in a subgraph never reaches
 * the gateway's decision. Everything not listed (orders, customers, accounts, staff-only settings, a
 * product's InventoryItem) is uncached; a PRIVATE field makes the whole response uncached.
 */
export const STOREFRONT_CACHE_HINTS: CacheHints = {
  Query: { ...everyField('product', 'products', 'store', 'storeBySlug', 'storeByDomain'), productSearch: SEARCH, searchSuggestions: SEARCH },
  Product: {
    ...everyField('id', 'storeId', 'title', 'description', 'handle', 'status', 'category', 'imageUrl', 'createdAt', 'updatedAt', 'price', 'stock', 'inStock'),
    // on-hand, reserved and thresholds: the store's staff's
    inventory: PRIVATE,
  },
  Money: everyField('amount', 'currencyCode'),
  ProductConnection: everyField('edges', 'nodes', 'pageInfo', 'totalCount'),
  ProductEdge: everyField('cursor', 'node'),
  ProductSearchResult: everyField('totalCount', 'products', 'facets', 'textMatch'),
  ProductSearchFacets: everyField('categories', 'collections', 'vendors', 'productTypes', 'tags', 'options', 'priceRanges', 'inStock'),
  ProductSearchFacetValue: everyField('value', 'count'),
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
