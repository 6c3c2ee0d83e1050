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

  /*
   * One filter group a facet: a document passes a group when one of its facet keys is among the asked
   * ones (`prefix` + value, the keys of `facet_keys`: see its migration). Ids are read as uuids first,
   * so any spelling PostgreSQL accepts finds the key.
   */
  const groups: { prefix: string; sql: string }[] = [];
  const keysOf = (prefix: string, values: string[]) =>
    `d.facet_keys && ${param(
      values.map((value) => `${prefix}${value}`),
      'text[]',
    )}`;
  const idKeysOf = (prefix: string, ids: string[]) =>
    `d.facet_keys && ARRAY(SELECT ${param(prefix, 'text')} || id::text FROM unnest(${param(ids, 'uuid[]')}) AS id)`;
  if (input.categoryIds.length > 0) groups.push({ prefix: 'categories:', sql: idKeysOf('categories:', input.categoryIds) });
  if (input.collectionIds.length > 0) groups.push({ prefix: 'collections:', sql: idKeysOf('collections:', input.collectionIds) });
  if (input.vendors.length > 0) groups.push({ prefix: 'vendors:', sql: keysOf('vendors:', input.vendors) });
  if (input.productTypes.length > 0) groups.push({ prefix: 'productTypes:', sql: keysOf('productTypes:', input.productTypes) });
  if (input.tags.length > 0) groups.push({ prefix: 'tags:', sql: keysOf('tags:', input.tags) });
  // values of one option are alternatives (one group), different options must all match (a group each)
  for (const [name, values] of input.options) groups.push({ prefix: `options:${name}:`, sql: keysOf(`options:${name}:`, values) });
  if (input.priceMin !== null || input.priceMax !== null) {
    const bounds: string[] = [];
    // a product matches when any variant's price is in range: its range overlaps the asked one
    if (input.priceMin !== null) bounds.push(`d.price_max >= ${param(input.priceMin, 'bigint')}`);
    if (input.priceMax !== null) bounds.push(`d.price_min <= ${param(input.priceMax, 'bigint')}`);
    groups.push({ prefix: 'price:', sql: bounds.join(' AND ') });
  }
  if (input.inStock !== null) groups.push({ prefix: 'inStock:', sql: `d.in_stock = ${param(input.inStock, 'boolean')}` });

  /*
   * Disjunctive counting in one pass: a document failing no group is a hit and counts for every facet;
   * one failing exactly one group counts only for that group's keys (its facet is counted under every
   * filter but its own); one failing two or more counts for nothing. Each group's test is evaluated
   * once per document into a boolean column (`g0`, `g1`…) of the materialised rows; `misses` is how
   * many groups a row fails, `missed` the key prefix of the group when it fails exactly one.
   */
  const flags = groups.map((group, index) => `,\n              coalesce(${group.sql}, false) AS g${index}`).join('');
  const passesAll = groups.length > 0 ? groups.map((_, index) => `g${index}`).join(' AND ') : 'true';
  const misses = groups.length > 0 ? groups.map((_, index) => `(NOT g${index})::int`).join(' + ') : '0';
  const missed =
    groups.length > 0 ? `CASE ${groups.map((group, index) => `WHEN NOT g${index} THEN ${param(group.prefix, 'text')}`).join(' ')} END` : 'NULL::text';
  // a document as every later step reads it: what sorts and facets need, and whether it passes each group
  const rowColumns = (rank: string) => `d.product_id, ${rank} AS rank, d.created_at, d.price_min, d.facet_keys${flags}`;
  const ctes: string[] = [];
  if (text) {
    const config = `coalesce((SELECT search_config_for(l.locale) FROM store_locale l WHERE l.store_id = ${store}), 'simple')`;
    ctes.push(
      `tsq AS MATERIALIZED (SELECT websearch_to_tsquery(${config}, search_unaccent(${text})) AS q)`,
      // search_words_match_keys: the GIN index under row-level security, and the same visibility rule (see its migration)
      `fts AS MATERIALIZED (SELECT ${rowColumns('round(d.rank::numeric, 6)')}
         FROM search_words_match_keys(${store}, (SELECT q FROM tsq), ${input.staff ? 'false' : 'true'}, ${param(input.staff ? input.status : null, 'varchar')}) AS d)`,
      `fuzzy AS MATERIALIZED (
         SELECT ${rowColumns('round(d.rank::numeric, 6)')} FROM (
           SELECT d.*, word_similarity(lower(search_unaccent(${text})), d.search_text) AS rank
           FROM product_search_document d
           WHERE NOT EXISTS (SELECT 1 FROM fts) AND ${visibleSql}
           ORDER BY d.search_text <->> lower(search_unaccent(${text}))
           LIMIT ${FUZZY_CANDIDATES}) AS d
         WHERE d.rank >= ${FUZZY_MIN_SIMILARITY})`,
      // both are materialised already (at most one has rows): read in place, not copied once more
      `rows AS NOT MATERIALIZED (SELECT * FROM fts UNION ALL SELECT * FROM fuzzy)`,
    );
  } else {
    ctes.push(`rows AS MATERIALIZED (SELECT ${rowColumns('0')} FROM product_search_document d WHERE ${visibleSql})`);
  }

  // relevance without a query is newest first
  const sort = SORTS[input.sort === 'RELEVANCE' && !input.query ? 'NEWEST' : input.sort];
  const direction = sort.descending ? 'DESC' : 'ASC';
  let keyset = '';
  if (input.after) {
    keyset = ` AND (${sort.value}, product_id) ${sort.descending ? '<' : '>'} (${param(input.after[0], sort.cast)}, ${param(input.after[1], 'uuid')})`;
  }
  ctes.push(
    `hits AS (SELECT product_id, ${sort.value} AS sort_value FROM rows WHERE ${passesAll}${keyset}
              ORDER BY ${sort.value} ${direction}, product_id ${direction} LIMIT ${input.limit + 1})`,
  );
  // shoppers see only published collections in the facet
  const publishedOnly = input.staff
    ? ''
    : ` WHERE NOT starts_with(key, 'collections:') OR substr(key, 13) IN (SELECT collection_id::text FROM search_collection WHERE published)`;
  ctes.push(
    `facet_values AS (
       SELECT split_part(key, ':', 1) AS facet, substr(key, strpos(key, ':') + 1) AS value, n FROM (
         SELECT key, count(*) AS n FROM (SELECT unnest(facet_keys) AS key, ${missed} AS missed FROM rows WHERE ${misses} <= 1) AS k
         WHERE missed IS NULL OR starts_with(key, missed) GROUP BY key) AS counted${publishedOnly})`,
  );

  const sql = `WITH ${ctes.join(',\n')}
    SELECT
      ${input.query ? 'EXISTS (SELECT 1 FROM fts)' : 'NULL::boolean'} AS matched_words,
      (SELECT coalesce(json_agg(json_build_object('id', product_id, 'sort', sort_value)), '[]') FROM hits) AS hits,
      (SELECT count(*) FROM rows WHERE ${passesAll})::int AS total,
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
