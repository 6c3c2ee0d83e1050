-- P7's catalog: :count products of store :store written straight into the catalog database (product rows
-- and their search documents), as the search consumers would have built them, in one statement each.
-- Titles are "<adjective> <material> <item>" (17 × 13 × 40 combinations), so a one-word item query
-- matches about 1/40 of the catalog and "<material> <item>" about 1/520. Parameters: $1 store id,
-- $2 count (products) or $2 the text search configuration of the store's locale (documents).
WITH words AS (
  SELECT
    ARRAY['classic','modern','vintage','soft','light','heavy','slim','oversized','rustic','elegant','cosy','bold','minimal','sturdy','airy','bright','dark'] AS adjectives,
    ARRAY['linen','oak','copper','wool','ceramic','walnut','cotton','steel','glass','leather','bamboo','marble','velvet'] AS materials,
    ARRAY['shirt','lamp','mug','scarf','table','bowl','chair','jacket','vase','bag','shelf','clock','dress','trousers','sweater','boots',
          'sneakers','hat','gloves','socks','blanket','pillow','rug','curtain','candle','frame','mirror','plate','teapot','kettle',
          'backpack','wallet','belt','watch','sunglasses','umbrella','notebook','pen','desk','stool'] AS items
),
numbered AS (
  SELECT i, md5('p7-product-' || i)::uuid AS id, abs(hashtext('p7-' || i)) AS h FROM generate_series(1, $2::int) AS i
)
INSERT INTO product (id, store_id, title, description, handle, status, price_amount, currency_code, version, created_at, updated_at)
SELECT n.id, $1::uuid,
  initcap(w.adjectives[1 + n.i % 17] || ' ' || w.materials[1 + (n.i / 17) % 13] || ' ' || w.items[1 + (n.i / 221) % 40]),
  'A ' || w.adjectives[1 + (n.h / 7) % 17] || ' piece in ' || w.materials[1 + (n.h / 3) % 13] || ', made to last. Item ' || n.i || '.',
  'p7-' || n.i, 'ACTIVE', 500 + n.h % 30000, 'USD', 1,
  now() - make_interval(secs => n.i), now() - make_interval(secs => n.i)
FROM numbered n, words w;

WITH attributes AS (
  SELECT p.id, p.title, p.description, p.price_amount, p.created_at, abs(hashtext(p.handle)) AS h, substr(p.handle, 4)::int AS i
  FROM product p WHERE p.store_id = $1::uuid
),
shaped AS (
  SELECT a.*,
    'vendor ' || (1 + a.h % 30) AS vendor,
    split_part(lower(a.title), ' ', 3) AS product_type,
    ARRAY['tag' || (a.h % 60), 'tag' || ((a.h / 60) % 60), 'tag' || ((a.h / 3600) % 60)] AS tags,
    ARRAY(SELECT 'Size:' || s FROM unnest(ARRAY['XS','S','M','L','XL','XXL']) WITH ORDINALITY AS sizes(s, k) WHERE (a.h >> k::int) % 2 = 0) ||
      ARRAY(SELECT 'Colour:' || c FROM unnest(ARRAY['Black','White','Red','Blue','Green','Grey']) WITH ORDINALITY AS colours(c, k) WHERE (a.h >> (k::int + 6)) % 3 = 0) AS option_values,
    ARRAY['SKU-' || a.i, 'SKU-' || a.i || '-B'] AS skus,
    -- 8 top-level categories with 5 children each: a product sits in one child and its parent
    ARRAY[md5('p7-category-' || (a.h % 8))::uuid, md5('p7-category-' || (a.h % 8) || '-' || ((a.h / 8) % 5))::uuid] AS category_path_ids,
    ARRAY(SELECT md5('p7-collection-' || c)::uuid FROM generate_series(0, 19) AS c WHERE (a.h / 97 + c * 7) % 20 < 2) AS collection_ids,
    a.h % 5 <> 0 AS in_stock
  FROM attributes a
)
INSERT INTO product_search_document (product_id, store_id, version, status, published_at, title, description, vendor, product_type, tags, skus,
  option_values, category_path_ids, collection_ids, price_min, price_max, currency_code, variant_availability, in_stock, created_at,
  search_config, document, search_text)
SELECT s.id, $1::uuid, 1, 'ACTIVE', NULL, s.title, s.description, s.vendor, s.product_type, s.tags, s.skus, s.option_values,
  s.category_path_ids, s.collection_ids, s.price_amount, s.price_amount + (s.h % 3) * 500, 'USD',
  jsonb_build_object(s.id::text, jsonb_build_object('tracked', true, 'available', CASE WHEN s.in_stock THEN 10 ELSE 0 END)),
  s.in_stock, s.created_at, $2::regconfig,
  search_document_vector($2::regconfig, s.title, s.tags, s.vendor, s.skus, s.product_type, s.option_values, s.description),
  search_trigram_text(s.title, s.vendor, s.product_type, s.tags)
FROM shaped s;
