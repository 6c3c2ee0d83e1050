import { managesStore, storeRequired, type SubgraphContext } from '@ultramarket/kit';
import { canBrowseStore } from '../product/product-queries';
import { FUZZY_MIN_SIMILARITY } from './product-search.sql';
import type { SearchSuggestion } from './product-search.types';

/**
 * `searchSuggestions`: the products whose title, vendor, type or tags are nearest to what was typed
 * by trigram word similarity (the GiST index orders them, so a typo costs nothing extra), kept when
 * the similarity is at least FUZZY_MIN_SIMILARITY, or when a word starts with the prefix exactly.
 * Shoppers get ACTIVE, published products only.
 */
export async function suggestProducts(context: SubgraphContext, prefix: string, first: number): Promise<SearchSuggestion[]> {
  const storeId = context.caller.storeId;
  if (!storeId) throw storeRequired();
  const typed = prefix.trim();
  if (typed === '' || !(await canBrowseStore(context, storeId))) return [];
  const shopperOnly = managesStore(context.caller, storeId) ? '' : `AND d.status = 'ACTIVE' AND (d.published_at IS NULL OR d.published_at <= now())`;
  const rows: { product_id: string; title: string; score: number }[] = await context.storeDb.read((manager) =>
    manager.query(
      `SELECT product_id, title, score FROM (
         SELECT d.product_id, d.title, word_similarity(t.typed, d.search_text) AS score,
                position(' ' || t.typed IN ' ' || d.search_text) > 0 AS starts_word,
                d.search_text <->> t.typed AS distance
         FROM product_search_document d, (SELECT lower(search_unaccent($2)) AS typed) AS t
         WHERE d.store_id = $1 AND d.title IS NOT NULL ${shopperOnly}
         ORDER BY d.search_text <->> lower(search_unaccent($2))
         LIMIT $3 * 4) AS nearest
       WHERE starts_word OR score >= $4
       ORDER BY starts_word DESC, distance, title
       LIMIT $3`,
      [storeId, typed, first, FUZZY_MIN_SIMILARITY],
    ),
  );
  return rows.map((row) => ({ productId: row.product_id, title: row.title, score: Number(Number(row.score).toFixed(4)) }));
}
