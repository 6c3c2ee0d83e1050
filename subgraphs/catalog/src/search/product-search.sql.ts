/**
 * The one statement behind `productSearch`: hits, total and every facet from one snapshot, with
 * disjunctive faceting (each facet is counted under every filter except its own, so choosing "Nike"
 * still shows how many "Adidas" products there are).
 *
 * Text matching, the documented rule:
 * 1. full-text: `websearch_to_tsquery` in the store's language (unaccented) against the weighted
 *    document; relevance is `ts_rank` (title A > tags/vendor/SKU B > type/options C > description D);
 * 2. only when (1) finds nothing among the store's visible products, the typo fallback: the
 *    FUZZY_CANDIDATES documents nearest to the query by trigram word similarity (GiST index), kept
 *    when `word_similarity` ≥ FUZZY_MIN_SIMILARITY; relevance is that similarity. "tshrit" finds
 *    "T-shirt" this way.
 * Filters and facets then apply to whichever set matched.
 */

export const FUZZY_CANDIDATES = 200;
export const FUZZY_MIN_SIMILARITY = 0.3;
/** At most this many values a facet (the most frequent). */
export const FACET_VALUES = 50;
/** Price buckets in minor units, on a product's lowest variant price; the last has no upper bound. */
export const PRICE_BUCKETS: readonly [number, number | null][] = [
  [0, 1000],
  [1000, 2500],
  [2500, 5000],
  [5000, 10000],
  [10000, 25000],
  [25000, 50000],
  [50000, 100000],
  [100000, null],
];

export type SearchSortKey = 'RELEVANCE' | 'PRICE_ASC' | 'PRICE_DESC' | 'NEWEST';

export interface SearchStatementInput {
  storeId: string;
  /** Trimmed; null or empty: every visible product. */
  query: string | null;
  /** Shoppers: ACTIVE and published only; staff: every status, or `status` when given. */
  staff: boolean;
  status: string | null;
  categoryIds: string[];
  collectionIds: string[];
  vendors: string[];
  productTypes: string[];
  tags: string[];
  /** Option filters grouped by name: values of one option are alternatives, different options must all match. */
  options: Map<string, string[]>;
  priceMin: number | null;
  priceMax: number | null;
  inStock: boolean | null;
  sort: SearchSortKey;
  limit: number;
  /** Keyset position from the cursor: the sort value and the product id of the last hit seen. */
  after: [string | number, string] | null;
}

/** How each sort orders hits, and what its keyset cursor holds. */
const SORTS: Record<SearchSortKey, { value: string; cast: string; descending: boolean }> = {
  RELEVANCE: { value: 'rank', cast: 'numeric', descending: true },
  PRICE_ASC: { value: 'price_min', cast: 'bigint', descending: false },
  PRICE_DESC: { value: 'price_min', cast: 'bigint', descending: true },
  NEWEST: { value: 'created_at', cast: 'timestamptz', descending: true },
};

export function searchStatement(input: SearchStatementInput): { sql: string; parameters: unknown[] } {
  const parameters: unknown[] = [];
  const param = (value: unknown, cast: string) => {
    parameters.push(value);
    return `$${parameters.length}::${cast}`;
  };
  const store = param(input.storeId, 'uuid');
  const visible = [`d.store_id = ${store}`, 'd.title IS NOT NULL'];
  if (!input.staff) visible.push(`d.status = 'ACTIVE'`, '(d.published_at IS NULL OR d.published_at <= now())');
  else if (input.status) visible.push(`d.status = ${param(input.status, 'varchar')}`);
  const visibleSql = visible.join(' AND ');
  const text = input.query ? param(input.query, 'text') : null;

  // one boolean column per filter; a facet counts the rows passing every filter but its own
  const flags: { key: string; sql: string }[] = [];
  if (input.categoryIds.length > 0) flags.push({ key: 'categories', sql: `d.category_path_ids && ${param(input.categoryIds, 'uuid[]')}` });
  if (input.collectionIds.length > 0) flags.push({ key: 'collections', sql: `d.collection_ids && ${param(input.collectionIds, 'uuid[]')}` });
  if (input.vendors.length > 0) flags.push({ key: 'vendors', sql: `d.vendor = ANY(${param(input.vendors, 'text[]')})` });
  if (input.productTypes.length > 0) flags.push({ key: 'productTypes', sql: `d.product_type = ANY(${param(input.productTypes, 'text[]')})` });
  if (input.tags.length > 0) flags.push({ key: 'tags', sql: `d.tags && ${param(input.tags, 'text[]')}` });
  const optionKeys = new Map<string, string>();
  [...input.options.entries()].forEach(([name, values], index) => {
    const key = `option${index}`;
    optionKeys.set(name, key);
    flags.push({
      key,
      sql: `d.option_values && ${param(
        values.map((value) => `${name}:${value}`),
        'text[]',
      )}`,
    });
  });
  if (input.priceMin !== null || input.priceMax !== null) {
    const bounds: string[] = [];
    // a product matches when any variant's price is in range: its range overlaps the asked one
    if (input.priceMin !== null) bounds.push(`d.price_max >= ${param(input.priceMin, 'bigint')}`);
    if (input.priceMax !== null) bounds.push(`d.price_min <= ${param(input.priceMax, 'bigint')}`);
    flags.push({ key: 'price', sql: bounds.join(' AND ') });
  }
  if (input.inStock !== null) flags.push({ key: 'inStock', sql: `d.in_stock = ${param(input.inStock, 'boolean')}` });

  const passes = (...except: string[]) => {
    const kept = flags.filter((flag) => !except.includes(flag.key)).map((flag) => `f_${flag.key}`);
    return kept.length > 0 ? kept.join(' AND ') : 'true';
  };

  // what every later step reads of a document: carried from the first scan, never fetched again
  const columns = `d.product_id, d.created_at, d.price_min, d.price_max, d.vendor, d.product_type, d.tags, d.option_values, d.category_path_ids, d.collection_ids, d.in_stock`;
  // a hit as every later step reads it: what facets and sorts need, and whether it passes each filter
  const hitColumns = `d.product_id, round(d.rank::numeric, 6) AS rank, d.created_at, d.price_min, d.vendor, d.product_type, d.tags, d.option_values,
              d.category_path_ids, d.collection_ids, d.in_stock${flags.map((flag) => `,\n              (${flag.sql}) AS f_${flag.key}`).join('')}`;
  const ctes: string[] = [];
  if (text) {
    const config = `coalesce((SELECT search_config_for(l.locale) FROM store_locale l WHERE l.store_id = ${store}), 'simple')`;
    ctes.push(
      `tsq AS MATERIALIZED (SELECT websearch_to_tsquery(${config}, search_unaccent(${text})) AS q)`,
      // search_words_match: the GIN index under row-level security (see its migration); visibility applies to what it returns
      `fts AS MATERIALIZED (SELECT ${hitColumns} FROM search_words_match(${store}, (SELECT q FROM tsq)) AS d WHERE ${visibleSql})`,
      `fuzzy AS MATERIALIZED (
         SELECT ${hitColumns} FROM (
           SELECT ${columns}, word_similarity(lower(search_unaccent(${text})), d.search_text) AS rank
           FROM product_search_document d
           WHERE NOT EXISTS (SELECT 1 FROM fts) AND ${visibleSql}
           ORDER BY d.search_text <->> lower(search_unaccent(${text}))
           LIMIT ${FUZZY_CANDIDATES}) AS d
         WHERE d.rank >= ${FUZZY_MIN_SIMILARITY})`,
      // both are materialised already (at most one has rows): read in place, not copied once more
      `rows AS NOT MATERIALIZED (SELECT * FROM fts UNION ALL SELECT * FROM fuzzy)`,
    );
  } else {
    ctes.push(`rows AS MATERIALIZED (SELECT ${hitColumns} FROM (SELECT ${columns}, 0 AS rank FROM product_search_document d WHERE ${visibleSql}) AS d)`);
  }

  // relevance without a query is newest first
  const sort = SORTS[input.sort === 'RELEVANCE' && !input.query ? 'NEWEST' : input.sort];
  const direction = sort.descending ? 'DESC' : 'ASC';
  let keyset = '';
  if (input.after) {
    keyset = ` AND (${sort.value}, product_id) ${sort.descending ? '<' : '>'} (${param(input.after[0], sort.cast)}, ${param(input.after[1], 'uuid')})`;
  }
  ctes.push(
    `hits AS (SELECT product_id, ${sort.value} AS sort_value FROM rows WHERE ${passes()}${keyset}
              ORDER BY ${sort.value} ${direction}, product_id ${direction} LIMIT ${input.limit + 1})`,
  );

  /*
   * An option's values are counted under every filter but that option's own: hits failing any other
   * filter are dropped before the unnest, so only the option flags are tested per value.
   */
  const optionFlags = [...optionKeys.values()];
  const otherOptionsPass = (key: string | null) =>
    optionFlags
      .filter((other) => other !== key)
      .map((other) => `f_${other}`)
      .join(' AND ') || 'true';
  const optionPass =
    optionKeys.size === 0
      ? 'true'
      : `CASE split_part(value, ':', 1) ${[...optionKeys.entries()].map(([name, key]) => `WHEN ${param(name, 'text')} THEN ${otherOptionsPass(key)}`).join(' ')} ELSE ${otherOptionsPass(null)} END`;
  const optionColumns = optionFlags.map((key) => `, f_${key}`).join('');
  const publishedOnly = input.staff ? '' : ' WHERE value IN (SELECT collection_id FROM search_collection WHERE published)';
  // width_bucket against the lower bounds: bucket k (1-based) is PRICE_BUCKETS[k - 1]
  const bucketBounds = `ARRAY[${PRICE_BUCKETS.map(([min]) => min).join(', ')}]::bigint[]`;
  /*
   * Each facet is one scan of the materialised hits (a few thousand narrow rows in memory) whose
   * arrays are unnested in the select list and counted by their own hash aggregate, each under every
   * filter but its facet's own. Cheaper than one pass with a LATERAL union per hit: that rescans nine
   * subplans for every hit (2 650 hits: 24 000 rescans), which cost more than the counting itself.
   */
  const counted = (facet: string, values: string, where: string, cast = '') =>
    `SELECT '${facet}' AS facet, value${cast} AS value, count(*) AS n FROM (SELECT ${values} AS value FROM rows WHERE ${where}) AS f GROUP BY value`;
  ctes.push(
    `facet_values AS (
       ${counted('categories', 'unnest(category_path_ids)', passes('categories'), '::text')}
       UNION ALL SELECT 'collections', value::text, n FROM (
         SELECT value, count(*) AS n FROM (SELECT unnest(collection_ids) AS value FROM rows WHERE ${passes('collections')}) AS f GROUP BY value) AS g${publishedOnly}
       UNION ALL ${counted('vendors', 'vendor', `vendor IS NOT NULL AND ${passes('vendors')}`, '::text')}
       UNION ALL ${counted('productTypes', 'product_type', `product_type IS NOT NULL AND ${passes('productTypes')}`, '::text')}
       UNION ALL ${counted('tags', 'unnest(tags)', passes('tags'))}
       UNION ALL SELECT 'options', value, count(*) FROM (SELECT unnest(option_values) AS value${optionColumns} FROM rows WHERE ${passes(...optionFlags)}) AS f
         WHERE ${optionPass} GROUP BY value
       UNION ALL ${counted('price', `width_bucket(price_min, ${bucketBounds})`, passes('price'), '::text')}
       UNION ALL ${counted('inStock', 'in_stock', passes('inStock'), '::text')})`,
  );

  const sql = `WITH ${ctes.join(',\n')}
    SELECT
      ${input.query ? 'EXISTS (SELECT 1 FROM fts)' : 'NULL::boolean'} AS matched_words,
      (SELECT coalesce(json_agg(json_build_object('id', product_id, 'sort', sort_value)), '[]') FROM hits) AS hits,
      (SELECT count(*) FROM rows WHERE ${passes()})::int AS total,
      (SELECT coalesce(json_agg(json_build_array(facet, value, n) ORDER BY facet, n DESC, value), '[]') FROM (
         SELECT facet, value, n, row_number() OVER (PARTITION BY facet ORDER BY n DESC, value) AS position FROM facet_values) AS ranked
       WHERE position <= ${FACET_VALUES} OR facet = 'options') AS facets`;
  return { sql, parameters };
}

export interface SearchStatementRow {
  /** null without a query; false when the typo fallback answered. */
  matched_words: boolean | null;
  hits: { id: string; sort: string | number }[];
  total: number;
  /**
   * `[facet, value, count]`, most frequent first per facet (at most FACET_VALUES, every option value):
   * facet is categories, collections, vendors, productTypes, tags, options (value "Size:M"), price
   * (value: the 1-based PRICE_BUCKETS index) or inStock (value "true"/"false").
   */
  facets: [string, string, number][];
}
