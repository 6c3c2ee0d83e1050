import { In } from 'typeorm';
import { badUserInput, decodeCursor, encodeCursor, isUuid, managesStore, pageSize, storeRequired, toConnection, type SubgraphContext } from '@ultramarket/kit';
import { Product } from '../product/product.entity';
import { canBrowseStore } from '../product/product-queries';
import { PRICE_BUCKETS, searchStatement, type SearchStatementRow } from './product-search.sql';
import { ProductSearchSort, type ProductSearchArgs } from './product-search.inputs';
import { ProductSearchTextMatch, type ProductSearchFacets, type ProductSearchResult } from './product-search.types';

const NO_FACETS: ProductSearchFacets = {
  categories: [],
  collections: [],
  vendors: [],
  productTypes: [],
  tags: [],
  options: [],
  priceRanges: [],
  inStock: { inStock: 0, outOfStock: 0 },
};

const byCountThenValue = (a: { value: string; count: number }, b: { value: string; count: number }) =>
  b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);

const distinct = (values: string[] | null | undefined, normalise = (value: string) => value) => [...new Set((values ?? []).map(normalise))];

/**
 * `productSearch`: one statement for hits, total and facets (product-search.sql.ts), then the hits'
 * products in the same snapshot of the caller's store. Shoppers get ACTIVE, published products; the
 * store's staff (and platform admins acting in it) every status. A suspended or closed store shows
 * shoppers nothing.
 */
export async function searchProducts(context: SubgraphContext, args: ProductSearchArgs): Promise<ProductSearchResult> {
  const limit = pageSize(args.first);
  const storeId = context.caller.storeId;
  if (!storeId) throw storeRequired();
  const query = args.query?.trim() || null;
  // relevance needs words to rank by: without a query it is newest first
  const asked = args.sort ?? ProductSearchSort.RELEVANCE;
  const sort = asked === ProductSearchSort.RELEVANCE && !query ? ProductSearchSort.NEWEST : asked;
  const after = args.after ? searchCursor(args.after, sort) : null;
  const empty = (): ProductSearchResult => ({
    totalCount: 0,
    products: toConnection<Product>([], limit, 0, Boolean(after), () => ''),
    facets: NO_FACETS,
    textMatch: query ? ProductSearchTextMatch.SIMILAR_SPELLING : ProductSearchTextMatch.NO_QUERY,
  });
  if (!(await canBrowseStore(context, storeId))) return empty();
  const filter = args.filter ?? {};
  const options = new Map<string, string[]>();
  for (const option of filter.options ?? []) options.set(option.name, [...new Set([...(options.get(option.name) ?? []), option.value])]);
  const statement = searchStatement({
    storeId,
    query,
    staff: managesStore(context.caller, storeId),
    status: filter.status ?? null,
    categoryIds: distinct(filter.categoryIds),
    collectionIds: distinct(filter.collectionIds),
    vendors: distinct(filter.vendors),
    productTypes: distinct(filter.productTypes),
    tags: distinct(filter.tags, (tag) => tag.trim().toLowerCase()),
    options,
    priceMin: filter.priceMin ?? null,
    priceMax: filter.priceMax ?? null,
    inStock: filter.inStock ?? null,
    sort,
    limit,
    after,
  });
  return context.storeDb.read(async (manager) => {
    const [row]: SearchStatementRow[] = await manager.query(statement.sql, statement.parameters);
    const hits = row.hits.slice(0, limit + 1);
    const found = hits.length === 0 ? [] : await manager.getRepository(Product).findBy({ id: In(hits.map((hit) => hit.id)), storeId });
    const byId = new Map(found.map((product) => [product.id, product]));
    // a document whose product row is gone (never, short of a manual delete) is left out of the page
    const ordered = hits.filter((hit) => byId.has(hit.id));
    const sortValueOf = new Map(ordered.map((hit) => [hit.id, hit.sort]));
    const products = toConnection(
      ordered.map((hit) => byId.get(hit.id)!),
      limit,
      row.total,
      Boolean(after),
      (product) => encodeCursor(sortValueOf.get(product.id)!, product.id),
    );
    const facets = facetsOf(row.facets);
    const textMatch =
      row.matched_words === null ? ProductSearchTextMatch.NO_QUERY : row.matched_words ? ProductSearchTextMatch.WORDS : ProductSearchTextMatch.SIMILAR_SPELLING;
    return {
      textMatch,
      totalCount: row.total,
      products,
      facets,
    };
  });
}

/** A cursor of this search's sort: a number (relevance, price) or a timestamp (newest) and a product id. */
function searchCursor(cursor: string, sort: ProductSearchSort): [string | number, string] {
  const [value, id] = decodeCursor(cursor);
  const fits =
    sort === ProductSearchSort.NEWEST ? typeof value === 'string' && !Number.isNaN(Date.parse(value)) : typeof value === 'number' && Number.isFinite(value);
  if (!isUuid(id) || !fits) throw badUserInput('after is not a valid cursor', [{ field: ['after'], message: 'is not a cursor of this search and sort' }]);
  return [value, id];
}

/** The statement's `[facet, value, count]` rows as the GraphQL facets, each facet's values most frequent first. */
function facetsOf(rows: SearchStatementRow['facets']): ProductSearchFacets {
  const values = (facet: string) =>
    rows
      .filter((row) => row[0] === facet)
      .map(([, value, count]) => ({ value, count }))
      .sort(byCountThenValue);
  const options = new Map<string, { value: string; count: number }[]>();
  for (const { value: optionValue, count } of values('options')) {
    const separator = optionValue.indexOf(':');
    const name = optionValue.slice(0, separator);
    options.set(name, [...(options.get(name) ?? []), { value: optionValue.slice(separator + 1), count }]);
  }
  const stock = new Map(values('inStock').map(({ value, count }) => [value, count]));
  return {
    categories: values('categories').map((value) => ({ ...value, categoryId: value.value })),
    collections: values('collections').map((value) => ({ ...value, collectionId: value.value })),
    vendors: values('vendors'),
    productTypes: values('productTypes'),
    tags: values('tags'),
    options: [...options.keys()].sort().map((name) => ({ name, values: options.get(name)! })),
    priceRanges: values('price')
      .map(({ value, count }) => ({ min: PRICE_BUCKETS[Number(value) - 1][0], max: PRICE_BUCKETS[Number(value) - 1][1], count }))
      .sort((a, b) => a.min - b.min),
    inStock: { inStock: stock.get('true') ?? 0, outOfStock: stock.get('false') ?? 0 },
  };
}
