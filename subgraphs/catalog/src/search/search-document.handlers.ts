import { PermanentEventError, type EventEnvelope, type EventHandler } from '@ultramarket/kit';

/** A variant as catalog's product events carry it (contract of issue 13); events from before variants carry none. */
interface VariantOfEvent {
  variantId: string;
  sku?: string | null;
  price?: { amount: number; currencyCode: string };
  trackInventory?: boolean;
  options?: { name: string; value: string }[];
}

/** What search reads of `catalog.product-created` / `catalog.product-updated`. */
export interface ProductEventForSearch {
  productId: string;
  title: string;
  status: string;
  price: { amount: number; currencyCode: string };
  tags?: string[];
  vendor?: string | null;
  productType?: string | null;
  publishedAt?: string | null;
  variants?: VariantOfEvent[];
}

/** A variant as search keeps it. */
export interface SearchVariant {
  variantId: string;
  sku: string | null;
  amount: number;
  currencyCode: string;
  trackInventory: boolean;
  options: { name: string; value: string }[];
}

/** A product event's variants; an event from before variants stands for one default variant with the product's id and price. */
export function variantsOf(data: ProductEventForSearch): SearchVariant[] {
  const variants =
    Array.isArray(data.variants) && data.variants.length > 0 ? data.variants : [{ variantId: data.productId, price: data.price, trackInventory: true }];
  return variants.map((variant) => ({
    variantId: variant.variantId,
    sku: variant.sku ?? null,
    amount: variant.price?.amount ?? data.price.amount,
    currencyCode: variant.price?.currencyCode ?? data.price.currencyCode,
    trackInventory: variant.trackInventory ?? true,
    options: variant.options ?? [],
  }));
}

function requireStore(event: Pick<EventEnvelope, 'id' | 'type' | 'storeId'>): string {
  if (!event.storeId) throw new PermanentEventError(`${event.type} ${event.id} names no store`);
  return event.storeId;
}

/**
 * Keeps a product's search document from its whole-product event (a newer `aggregateVersion` wins).
 * The description is read from catalog's own `product` row (the event does not carry it); stock
 * already heard for a variant is kept, a variant the event no longer lists is dropped.
 */
function keepProductDocument(name: string, eventType: string): EventHandler<ProductEventForSearch> {
  return {
    name,
    eventType,
    async handle(event, tx) {
      const storeId = requireStore(event);
      const data = event.data;
      if (typeof data.productId !== 'string' || typeof data.title !== 'string' || !Number.isSafeInteger(data.price?.amount)) {
        throw new PermanentEventError(`${event.type} ${event.id} is not a product`);
      }
      const variants = variantsOf(data);
      const tracked = Object.fromEntries(variants.map((variant) => [variant.variantId, variant.trackInventory]));
      const prices = variants.map((variant) => variant.amount);
      const optionValues = [...new Set(variants.flatMap((variant) => variant.options.map((option) => `${option.name}:${option.value}`)))];
      const skus = variants.map((variant) => variant.sku).filter((sku): sku is string => Boolean(sku));
      await tx.manager.query(
        `WITH source AS (
           SELECT $1::uuid AS product_id, $2::uuid AS store_id, $3::int AS version, $4::varchar AS status, $5::timestamptz AS published_at,
                  $6::varchar AS title, coalesce(p.description, '') AS description, $7::varchar AS vendor, $8::varchar AS product_type,
                  $9::text[] AS tags, $10::text[] AS skus, $11::text[] AS option_values, $12::bigint AS price_min, $13::bigint AS price_max,
                  $14::char(3) AS currency_code, coalesce(p.created_at, $15::timestamptz) AS created_at,
                  coalesce((SELECT search_config_for(l.locale) FROM store_locale l WHERE l.store_id = $2), 'simple') AS search_config
           FROM (SELECT 1) AS one LEFT JOIN product p ON p.id = $1 AND p.store_id = $2
         )
         INSERT INTO product_search_document AS d (product_id, store_id, version, status, published_at, title, description, vendor, product_type,
           tags, skus, option_values, price_min, price_max, currency_code, variant_availability, created_at, search_config, document, search_text)
         SELECT product_id, store_id, version, status, published_at, title, description, vendor, product_type, tags, skus, option_values,
           price_min, price_max, currency_code,
           (SELECT coalesce(jsonb_object_agg(v.key, jsonb_build_object('tracked', v.value::boolean, 'available', 0)), '{}') FROM jsonb_each_text($16::jsonb) v),
           created_at, search_config,
           search_document_vector(search_config, title, tags, vendor, skus, product_type, option_values, description),
           search_trigram_text(title, vendor, product_type, tags)
         FROM source
         ON CONFLICT (product_id) DO UPDATE SET
           version = EXCLUDED.version, status = EXCLUDED.status, published_at = EXCLUDED.published_at, title = EXCLUDED.title,
           description = EXCLUDED.description, vendor = EXCLUDED.vendor, product_type = EXCLUDED.product_type, tags = EXCLUDED.tags,
           skus = EXCLUDED.skus, option_values = EXCLUDED.option_values, price_min = EXCLUDED.price_min, price_max = EXCLUDED.price_max,
           currency_code = EXCLUDED.currency_code, created_at = EXCLUDED.created_at, search_config = EXCLUDED.search_config,
           document = EXCLUDED.document, search_text = EXCLUDED.search_text,
           -- stock heard before stays; tracking comes from the event; unlisted variants go
           variant_availability = (
             SELECT coalesce(jsonb_object_agg(v.key, coalesce(d.variant_availability -> v.key, '{"available": 0}'::jsonb) || jsonb_build_object('tracked', v.value::boolean)), '{}')
             FROM jsonb_each_text($16::jsonb) v)
         WHERE d.version < EXCLUDED.version AND d.store_id = EXCLUDED.store_id`,
        [
          data.productId,
          storeId,
          event.aggregateVersion,
          data.status,
          data.publishedAt ?? null,
          data.title,
          data.vendor ?? null,
          data.productType ?? null,
          Array.isArray(data.tags) ? data.tags : [],
          skus,
          optionValues,
          Math.min(...prices),
          Math.max(...prices),
          variants[0].currencyCode,
          event.occurredAt,
          JSON.stringify(tracked),
        ],
      );
      await refreshInStock(tx.manager, data.productId);
    },
  };
}

/** In stock when any untracked variant exists or any tracked one has units available. */
async function refreshInStock(manager: { query(sql: string, parameters?: unknown[]): Promise<unknown> }, productId: string): Promise<void> {
  await manager.query(
    `UPDATE product_search_document SET in_stock = EXISTS (
       SELECT 1 FROM jsonb_each(variant_availability) v
       WHERE NOT coalesce((v.value ->> 'tracked')::boolean, true) OR coalesce((v.value ->> 'available')::int, 0) > 0)
     WHERE product_id = $1`,
    [productId],
  );
}

interface StockChanged {
  productId: string;
  variantId?: string;
  available: number;
  onHand?: number;
  variant?: { available: number; onHand?: number };
}

/**
 * `inventory.stock-changed`: the variant's units available and on hand across the store's active
 * locations (an event from before variants: the product's, for its default variant). Available
 * feeds the in-stock facet; on-hand is the copy the CSV export writes as "Variant Inventory Qty". A
 * stock change older than the one recorded for the variant is ignored. A variant not heard of yet is
 * recorded as tracked; the next product event corrects that. An event without an on-hand count keeps
 * the one recorded.
 */
const keepStock: EventHandler<StockChanged> = {
  name: 'catalog-search-stock-changed',
  eventType: 'inventory.stock-changed',
  async handle(event, tx) {
    const storeId = requireStore(event);
    const { productId } = event.data;
    if (typeof productId !== 'string') throw new PermanentEventError(`${event.type} ${event.id} names no product`);
    const variantId = event.data.variantId ?? productId;
    const available = event.data.variant?.available ?? event.data.available;
    if (!Number.isInteger(available)) throw new PermanentEventError(`${event.type} ${event.id} has no available count`);
    const onHand = event.data.variant ? event.data.variant.onHand : event.data.onHand;
    if (onHand !== undefined && onHand !== null && !Number.isInteger(onHand))
      throw new PermanentEventError(`${event.type} ${event.id} has a bad on-hand count`);
    await tx.manager.query(
      `INSERT INTO product_search_document AS d (product_id, store_id, variant_availability)
       VALUES ($1, $2, jsonb_build_object($3::text, jsonb_strip_nulls(jsonb_build_object('tracked', true, 'available', $4::int, 'onHand', $6::int, 'at', $5::text))))
       ON CONFLICT (product_id) DO UPDATE SET variant_availability = jsonb_set(d.variant_availability, ARRAY[$3::text],
         coalesce(d.variant_availability -> $3::text, '{"tracked": true}'::jsonb) || jsonb_strip_nulls(jsonb_build_object('available', $4::int, 'onHand', $6::int, 'at', $5::text)))
       WHERE d.store_id = EXCLUDED.store_id AND coalesce(d.variant_availability -> $3::text ->> 'at', '') <= $5::text`,
      [productId, storeId, variantId, available, event.occurredAt, onHand ?? null],
    );
    await refreshInStock(tx.manager, productId);
  },
};

interface CategoriesChanged {
  productId: string;
  categoryPathIds: string[];
}

/** `catalog.product-categories-changed`: the product's categories with all their ancestors (a later event wins). */
const keepCategories: EventHandler<CategoriesChanged> = {
  name: 'catalog-search-categories-changed',
  eventType: 'catalog.product-categories-changed',
  async handle(event, tx) {
    const storeId = requireStore(event);
    const { productId, categoryPathIds } = event.data;
    if (typeof productId !== 'string' || !Array.isArray(categoryPathIds)) throw new PermanentEventError(`${event.type} ${event.id} is malformed`);
    await tx.manager.query(
      `INSERT INTO product_search_document AS d (product_id, store_id, category_path_ids, categories_changed_at) VALUES ($1, $2, $3::uuid[], $4)
       ON CONFLICT (product_id) DO UPDATE SET category_path_ids = EXCLUDED.category_path_ids, categories_changed_at = EXCLUDED.categories_changed_at
       WHERE d.store_id = EXCLUDED.store_id AND (d.categories_changed_at IS NULL OR d.categories_changed_at <= EXCLUDED.categories_changed_at)`,
      [productId, storeId, [...new Set(categoryPathIds)], event.occurredAt],
    );
  },
};

interface CollectionUpdated {
  collectionId: string;
  published: boolean;
  addedProductIds: string[];
  removedProductIds: string[];
}

/** `catalog.collection-updated`: members added and removed, and whether shoppers see the collection. */
const keepCollection: EventHandler<CollectionUpdated> = {
  name: 'catalog-search-collection-updated',
  eventType: 'catalog.collection-updated',
  async handle(event, tx) {
    const storeId = requireStore(event);
    const { collectionId, published, addedProductIds = [], removedProductIds = [] } = event.data;
    if (typeof collectionId !== 'string' || !Array.isArray(addedProductIds) || !Array.isArray(removedProductIds)) {
      throw new PermanentEventError(`${event.type} ${event.id} is malformed`);
    }
    await tx.manager.query(
      `INSERT INTO search_collection (collection_id, store_id, published) VALUES ($1, $2, $3)
       ON CONFLICT (collection_id) DO UPDATE SET published = EXCLUDED.published WHERE search_collection.store_id = EXCLUDED.store_id`,
      [collectionId, storeId, published !== false],
    );
    if (removedProductIds.length > 0) {
      await tx.manager.query(
        `UPDATE product_search_document SET collection_ids = array_remove(collection_ids, $1::uuid) WHERE product_id = ANY($2::uuid[]) AND store_id = $3`,
        [collectionId, removedProductIds, storeId],
      );
    }
    if (addedProductIds.length > 0) {
      await tx.manager.query(
        `INSERT INTO product_search_document AS d (product_id, store_id, collection_ids)
         SELECT id, $3, ARRAY[$1::uuid] FROM unnest($2::uuid[]) AS id
         ON CONFLICT (product_id) DO UPDATE SET collection_ids = d.collection_ids || $1::uuid
         WHERE d.store_id = EXCLUDED.store_id AND NOT d.collection_ids @> ARRAY[$1::uuid]`,
        [collectionId, addedProductIds, storeId],
      );
    }
  },
};

/** `catalog.collection-deleted`: the collection leaves every document and the facets. */
const dropCollection: EventHandler<{ collectionId: string }> = {
  name: 'catalog-search-collection-deleted',
  eventType: 'catalog.collection-deleted',
  async handle(event, tx) {
    const storeId = requireStore(event);
    const { collectionId } = event.data;
    if (typeof collectionId !== 'string') throw new PermanentEventError(`${event.type} ${event.id} is malformed`);
    await tx.manager.query(`DELETE FROM search_collection WHERE collection_id = $1 AND store_id = $2`, [collectionId, storeId]);
    await tx.manager.query(
      `UPDATE product_search_document SET collection_ids = array_remove(collection_ids, $1::uuid) WHERE collection_ids @> ARRAY[$1::uuid] AND store_id = $2`,
      [collectionId, storeId],
    );
  },
};

/**
 * `stores.created` / `stores.updated`: the store's locale picks the text search configuration (its
 * stemmer). When it changes, every document of the store is indexed again in that language.
 */
function keepLocale(name: string, eventType: string): EventHandler<{ locale?: string }> {
  return {
    name,
    eventType,
    async handle(event, tx) {
      const storeId = requireStore(event);
      if (event.aggregateId !== storeId) throw new PermanentEventError(`${event.type} ${event.id} is not about its own store`);
      const { locale } = event.data;
      if (typeof locale !== 'string' || locale === '') return;
      const changed: unknown[] = await tx.manager.query(
        `INSERT INTO store_locale (store_id, locale, version) VALUES ($1, $2, $3)
         ON CONFLICT (store_id) DO UPDATE SET locale = EXCLUDED.locale, version = EXCLUDED.version, updated_at = now()
         WHERE store_locale.version < EXCLUDED.version
         RETURNING store_id`,
        [storeId, locale, event.aggregateVersion],
      );
      if (changed.length === 0) return;
      await tx.manager.query(
        `UPDATE product_search_document SET search_config = search_config_for($2),
           document = search_document_vector(search_config_for($2), title, tags, vendor, skus, product_type, option_values, description)
         WHERE store_id = $1 AND search_config <> search_config_for($2)`,
        [storeId, locale],
      );
    },
  };
}

/** Every consumer that keeps the search documents current (schema/events.md). */
export const searchDocumentHandlers = [
  keepProductDocument('catalog-search-product-created', 'catalog.product-created'),
  keepProductDocument('catalog-search-product-updated', 'catalog.product-updated'),
  keepStock,
  keepCategories,
  keepCollection,
  dropCollection,
  keepLocale('catalog-search-store-created', 'stores.created'),
  keepLocale('catalog-search-store-updated', 'stores.updated'),
] as EventHandler<never>[];
