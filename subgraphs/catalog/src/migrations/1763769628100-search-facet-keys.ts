import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every facet value of a search document in ONE text array, `facet_keys`, as `<facet>:<value>`:
 * `categories:<id>` (the category and its ancestors), `collections:<id>`, `vendors:<vendor>`,
 * `productTypes:<type>`, `tags:<tag>`, `options:<name>:<value>`, `price:<bucket>` (1-based, the
 * buckets of PRICE_BUCKETS in product-search.sql.ts) and `inStock:true|false`. `productSearch`
 * filters on it and counts every facet with one unnest and one hash aggregate per request instead of
 * six unnests and eight aggregates (docs/benchmarks.md, P7).
 *
 * A stored generated column: PostgreSQL computes it from the document's own columns on every insert
 * and update, so each event handler that changes a column (product, stock, categories, collections)
 * keeps it current without knowing of it, and adding it fills it for every existing document.
 *
 * `search_words_match` (the previous statement's) stays for catalog replicas still running it during a
 * rolling deploy; `search_words_match_keys` returns only what the statement now reads.
 */
export class SearchFacetKeys1763769628100 implements MigrationInterface {
  name = 'SearchFacetKeys1763769628100';

  async up(runner: QueryRunner): Promise<void> {
    // the price buckets' lower bounds: PRICE_BUCKETS in product-search.sql.ts (a test holds both equal)
    await runner.query(`
      CREATE FUNCTION search_price_bucket(price_min bigint) RETURNS integer
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT width_bucket(price_min, ARRAY[0, 1000, 2500, 5000, 10000, 25000, 50000, 100000]::bigint[]) $$`);
    await runner.query(`
      CREATE FUNCTION search_facet_keys(category_path_ids uuid[], collection_ids uuid[], vendor text, product_type text, tags text[],
        option_values text[], price_min bigint, in_stock boolean) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT
        ARRAY(SELECT 'categories:' || id::text FROM unnest(category_path_ids) AS id) ||
        ARRAY(SELECT 'collections:' || id::text FROM unnest(collection_ids) AS id) ||
        CASE WHEN vendor IS NULL THEN '{}'::text[] ELSE ARRAY['vendors:' || vendor] END ||
        CASE WHEN product_type IS NULL THEN '{}'::text[] ELSE ARRAY['productTypes:' || product_type] END ||
        ARRAY(SELECT 'tags:' || tag FROM unnest(tags) AS tag) ||
        ARRAY(SELECT 'options:' || pair FROM unnest(option_values) AS pair) ||
        CASE WHEN price_min IS NULL THEN '{}'::text[] ELSE ARRAY['price:' || search_price_bucket(price_min)::text] END ||
        ARRAY['inStock:' || in_stock::text] $$`);
    await runner.query(`
      ALTER TABLE product_search_document ADD COLUMN facet_keys text[] NOT NULL
        GENERATED ALWAYS AS (search_facet_keys(category_path_ids, collection_ids, vendor, product_type, tags, option_values, price_min, in_stock)) STORED`);
    /*
     * The words match under row-level security, as search_words_match (1763769625000), with the
     * visibility rule applied inside (shoppers: ACTIVE and published; staff: every status, or `only_status`),
     * returning what the statement reads. With no condition left outside it, the planner takes its
     * ROWS estimate for the matches, not a fraction of one row, and counts facet keys in a hash table.
     */
    await runner.query(`
      CREATE FUNCTION search_words_match_keys(store uuid, query tsquery, shoppers boolean, only_status varchar)
      RETURNS TABLE (product_id uuid, created_at timestamptz, price_min bigint, price_max bigint, in_stock boolean, facet_keys text[], rank real)
      LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 2000 SET search_path = public, pg_temp
      AS $$
      BEGIN
        IF store IS NULL OR coalesce(current_setting('app.store_id', true), '') NOT IN (store::text, '*') THEN
          RAISE EXCEPTION 'no store scope: search_words_match_keys answers for the store of the transaction only'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN QUERY
          SELECT d.product_id, d.created_at, d.price_min, d.price_max, d.in_stock, d.facet_keys, ts_rank(d.document, query)
          FROM product_search_document d
          WHERE d.store_id = store AND d.document @@ query AND d.title IS NOT NULL
            AND (NOT shoppers OR (d.status = 'ACTIVE' AND (d.published_at IS NULL OR d.published_at <= now())))
            AND (shoppers OR only_status IS NULL OR d.status = only_status);
      END
      $$`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP FUNCTION search_words_match_keys(uuid, tsquery, boolean, varchar)`);
    await runner.query(`ALTER TABLE product_search_document DROP COLUMN facet_keys`);
    await runner.query(`DROP FUNCTION search_facet_keys(uuid[], uuid[], text, text, text[], text[], bigint, boolean)`);
    await runner.query(`DROP FUNCTION search_price_bucket(bigint)`);
  }
}
