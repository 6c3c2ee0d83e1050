import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore } from '@ultramarket/kit';

/**
 * Search's read model: one document per product, fed by events (catalog's own product, category and
 * collection events, inventory's stock changes, the stores' locale), so a search never joins the
 * variant, category or collection tables and never calls inventory.
 *
 * `unaccent` and `pg_trgm` ship with PostgreSQL's contrib and are trusted extensions (PostgreSQL 13+):
 * the database owner, who runs migrations, may create them. `unaccent(regdictionary, text)` is only
 * STABLE (its dictionary could change), so `search_unaccent` pins the dictionary and is declared
 * IMMUTABLE: index expressions need it.
 */
export class CreateProductSearch1763769625000 implements MigrationInterface {
  name = 'CreateProductSearch1763769625000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await runner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await runner.query(`
      CREATE FUNCTION search_unaccent(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`);
    // the store's locale ("de", "de-AT", "pt_BR") → a text search configuration; "simple" when PostgreSQL has no stemmer for it
    await runner.query(`
      CREATE FUNCTION search_config_for(locale text) RETURNS regconfig
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT (CASE lower(split_part(split_part(coalesce(locale, ''), '-', 1), '_', 1))
        WHEN 'en' THEN 'english' WHEN 'de' THEN 'german' WHEN 'fr' THEN 'french' WHEN 'es' THEN 'spanish'
        WHEN 'it' THEN 'italian' WHEN 'pt' THEN 'portuguese' WHEN 'nl' THEN 'dutch' WHEN 'sv' THEN 'swedish'
        WHEN 'da' THEN 'danish' WHEN 'nb' THEN 'norwegian' WHEN 'no' THEN 'norwegian' WHEN 'fi' THEN 'finnish'
        WHEN 'ru' THEN 'russian' WHEN 'tr' THEN 'turkish' WHEN 'hu' THEN 'hungarian' WHEN 'ro' THEN 'romanian'
        ELSE 'simple' END)::regconfig $$`);
    // weights: A title; B tags, vendor, SKUs; C product type, option values; D description
    await runner.query(`
      CREATE FUNCTION search_document_vector(config regconfig, title text, tags text[], vendor text, skus text[],
        product_type text, option_values text[], description text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT
        setweight(to_tsvector(config, search_unaccent(coalesce(title, ''))), 'A') ||
        setweight(to_tsvector(config, search_unaccent(concat_ws(' ', array_to_string(tags, ' '), vendor, array_to_string(skus, ' ')))), 'B') ||
        setweight(to_tsvector(config, search_unaccent(concat_ws(' ', product_type, replace(array_to_string(option_values, ' '), ':', ' ')))), 'C') ||
        setweight(to_tsvector(config, search_unaccent(coalesce(description, ''))), 'D') $$`);
    // what trigrams compare against: unaccented lower case, each hyphenated word also written joined ("t-shirt" → "tshirt")
    await runner.query(`
      CREATE FUNCTION search_trigram_text(title text, vendor text, product_type text, tags text[]) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT lower(search_unaccent(concat_ws(' ', title, regexp_replace(title, '(\\w)[-‐–]+(\\w)', '\\1\\2', 'g'),
        vendor, product_type, array_to_string(tags, ' ')))) $$`);

    await runner.query(`
      CREATE TABLE store_locale (
        store_id uuid PRIMARY KEY,
        locale varchar(35) NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await isolateByStore(runner, 'store_locale');

    await runner.query(`
      CREATE TABLE product_search_document (
        product_id uuid PRIMARY KEY,
        store_id uuid NOT NULL,
        -- the product's aggregate version of the document's product fields; the title is null while only category,
        -- collection or stock events have been heard of the product (such a document is never shown)
        version integer NOT NULL DEFAULT 0,
        status varchar(16),
        published_at timestamptz(3),
        title varchar(255),
        description text NOT NULL DEFAULT '',
        vendor varchar(255),
        product_type varchar(255),
        tags text[] NOT NULL DEFAULT '{}',
        skus text[] NOT NULL DEFAULT '{}',
        option_values text[] NOT NULL DEFAULT '{}',
        category_path_ids uuid[] NOT NULL DEFAULT '{}',
        categories_changed_at timestamptz(3),
        collection_ids uuid[] NOT NULL DEFAULT '{}',
        price_min bigint,
        price_max bigint,
        currency_code char(3),
        -- { variantId: { tracked, available, at } }: tracked from product events, available and its time from stock events
        variant_availability jsonb NOT NULL DEFAULT '{}',
        in_stock boolean NOT NULL DEFAULT false,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        search_config regconfig NOT NULL DEFAULT 'simple',
        document tsvector NOT NULL DEFAULT ''::tsvector,
        search_text text NOT NULL DEFAULT ''
      )`);
    await isolateByStore(runner, 'product_search_document');
    // not forced: the owner's search_words_match below reads it past the policy (the application role stays bound by it)
    await runner.query(`ALTER TABLE product_search_document NO FORCE ROW LEVEL SECURITY`);
    /*
     * Under row-level security PostgreSQL evaluates the policy before any condition whose operator is
     * not LEAKPROOF, so `document @@ query` cannot use the GIN index for the application role: every
     * search would read the whole table. This function runs as the owner (SECURITY DEFINER), answers
     * only for the store the caller's transaction is scoped to (as the policy would), and lets the
     * index do the matching.
     */
    await runner.query(`
      CREATE FUNCTION search_words_match(store uuid, query tsquery)
      RETURNS TABLE (product_id uuid, store_id uuid, version integer, title varchar, status varchar, published_at timestamptz, created_at timestamptz,
        price_min bigint, price_max bigint, vendor varchar, product_type varchar, tags text[], option_values text[],
        category_path_ids uuid[], collection_ids uuid[], in_stock boolean, rank real)
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$
      BEGIN
        IF store IS NULL OR coalesce(current_setting('app.store_id', true), '') NOT IN (store::text, '*') THEN
          RAISE EXCEPTION 'no store scope: search_words_match answers for the store of the transaction only'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN QUERY
          SELECT d.product_id, d.store_id, d.version, d.title, d.status, d.published_at, d.created_at, d.price_min, d.price_max, d.vendor,
            d.product_type, d.tags, d.option_values, d.category_path_ids, d.collection_ids, d.in_stock, ts_rank(d.document, query)
          FROM product_search_document d
          WHERE d.store_id = store AND d.document @@ query;
      END
      $$`);
    await runner.query(`CREATE INDEX product_search_document_fts ON product_search_document USING gin (document)`);
    await runner.query(`CREATE INDEX product_search_document_store ON product_search_document (store_id, created_at DESC, product_id)`);
    await runner.query(`CREATE INDEX product_search_document_price ON product_search_document (store_id, price_min, product_id)`);
    await runner.query(`CREATE INDEX product_search_document_categories ON product_search_document USING gin (category_path_ids)`);
    await runner.query(`CREATE INDEX product_search_document_collections ON product_search_document USING gin (collection_ids)`);
    await runner.query(`CREATE INDEX product_search_document_tags ON product_search_document USING gin (tags)`);
    await runner.query(`CREATE INDEX product_search_document_options ON product_search_document USING gin (option_values)`);
    // GiST, not GIN: typo fallback and autocomplete ask for the nearest documents (ORDER BY <<->), which only GiST answers from the index
    await runner.query(`CREATE INDEX product_search_document_trigram ON product_search_document USING gist (search_text gist_trgm_ops)`);

    /*
     * Today's products get their documents now, as their events would have made them (one default
     * variant each; the language is 'simple' until the store's locale is heard, sold out until inventory
     * reports stock): the new consumers also read the streams from their start, but a stream keeps its
     * events only EVENT_STREAM_MAX_AGE. One version below the product's, so the product's latest event,
     * when the stream still holds it, replaces the document with the whole product.
     */
    await runner.query(`SELECT set_config('app.store_id', '*', false)`);
    await runner.query(`
      INSERT INTO product_search_document (product_id, store_id, version, status, title, description, price_min, price_max, currency_code,
        variant_availability, created_at, search_config, document, search_text)
      SELECT p.id, p.store_id, p.version - 1, p.status, p.title, p.description, p.price_amount, p.price_amount, p.currency_code,
        jsonb_build_object(p.id::text, jsonb_build_object('tracked', true, 'available', 0)), p.created_at, 'simple',
        search_document_vector('simple', p.title, '{}', NULL, '{}', NULL, '{}', p.description), search_trigram_text(p.title, NULL, NULL, '{}')
      FROM product p`);
    await runner.query(`SELECT set_config('app.store_id', '', false)`);

    // what shoppers may see of a collection in facets (the collections part publishes it)
    await runner.query(`
      CREATE TABLE search_collection (
        collection_id uuid PRIMARY KEY,
        store_id uuid NOT NULL,
        published boolean NOT NULL
      )`);
    await isolateByStore(runner, 'search_collection');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE search_collection`);
    await runner.query(`DROP FUNCTION search_words_match(uuid, tsquery)`);
    await runner.query(`DROP TABLE product_search_document`);
    await runner.query(`DROP TABLE store_locale`);
    await runner.query(`DROP FUNCTION search_trigram_text(text, text, text, text[])`);
    await runner.query(`DROP FUNCTION search_document_vector(regconfig, text, text[], text, text[], text, text[], text)`);
    await runner.query(`DROP FUNCTION search_config_for(text)`);
    await runner.query(`DROP FUNCTION search_unaccent(text)`);
  }
}
