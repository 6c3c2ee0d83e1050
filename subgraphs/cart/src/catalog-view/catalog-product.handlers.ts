import { catalogProductFactsOf, catalogVariantsOf, PermanentEventError, type CatalogProductEventData, type EventHandler } from '@ultramarket/kit';

/**
 * The product and every variant it lists, from one catalog product event, in one statement (as orders
 * keeps its read model). The product row's version decides: an older event changes nothing at all. A newer
 * one upserts the listed variants and marks the product's other variants unlisted, so a cart line pointing
 * at one is shown as unavailable instead of vanishing.
 */
const APPLY_PRODUCT_EVENT = `
  WITH product AS (
    INSERT INTO catalog_product (product_id, store_id, title, status, published_at, tags, vendor, product_type, tax_class, version)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $12, $9)
    ON CONFLICT (product_id) DO UPDATE SET title = EXCLUDED.title, status = EXCLUDED.status, published_at = EXCLUDED.published_at,
      tags = EXCLUDED.tags, vendor = EXCLUDED.vendor, product_type = EXCLUDED.product_type, tax_class = EXCLUDED.tax_class,
      version = EXCLUDED.version
    WHERE catalog_product.version < EXCLUDED.version AND catalog_product.store_id = EXCLUDED.store_id
    RETURNING product_id, store_id, version
  ), listed AS (
    INSERT INTO catalog_variant (variant_id, product_id, store_id, title, sku, selected_options, price_amount, currency_code,
      weight_grams, position, listed, version)
    SELECT variant.variant_id, product.product_id, product.store_id, variant.title, variant.sku, coalesce(variant.selected_options, '[]'),
           variant.price_amount, variant.currency_code, variant.weight_grams, variant.position, true, product.version
      FROM product, jsonb_to_recordset($10::jsonb) AS variant (variant_id uuid, title varchar, sku varchar, selected_options jsonb,
           price_amount bigint, currency_code char(3), weight_grams integer, position integer)
    ON CONFLICT (variant_id) DO UPDATE SET title = EXCLUDED.title, sku = EXCLUDED.sku, selected_options = EXCLUDED.selected_options,
      price_amount = EXCLUDED.price_amount, currency_code = EXCLUDED.currency_code, weight_grams = EXCLUDED.weight_grams,
      position = EXCLUDED.position, listed = true, version = EXCLUDED.version
    -- a variant id is one product's for good: an event naming another product's variant does not take it over
    WHERE catalog_variant.product_id = EXCLUDED.product_id AND catalog_variant.store_id = EXCLUDED.store_id
    RETURNING variant_id
  ), unlisted AS (
    UPDATE catalog_variant SET listed = false, version = product.version
      FROM product
     WHERE catalog_variant.product_id = product.product_id AND catalog_variant.store_id = product.store_id
       AND catalog_variant.listed AND NOT (catalog_variant.variant_id = ANY($11::uuid[]))
    RETURNING catalog_variant.variant_id
  )
  SELECT (SELECT count(*) FROM product)::int AS applied`;

/** PostgreSQL's insufficient_privilege: an upsert meeting a row of another store (row-level security refuses to update it). */
const OTHER_STORES_ROW = '42501';

function keepProduct(name: string, eventType: string): EventHandler<CatalogProductEventData> {
  return {
    name,
    eventType,
    async handle(event, tx) {
      const { productId, title, status } = event.data;
      if (!event.storeId) throw new PermanentEventError(`${event.type} ${event.id} names no store`);
      const variants = catalogVariantsOf(event);
      const facts = catalogProductFactsOf(event);
      try {
        await tx.manager.query(APPLY_PRODUCT_EVENT, [
          productId,
          event.storeId,
          String(title).slice(0, 255),
          status,
          facts.publishedAt,
          facts.tags,
          facts.vendor,
          facts.productType,
          event.aggregateVersion,
          JSON.stringify(variants),
          variants.map((variant) => variant.variant_id),
          facts.taxClass,
        ]);
      } catch (error) {
        // ids are the catalog's uuids: only a broken or hostile producer reuses another store's, so it is parked at once
        if ((error as { code?: string }).code === OTHER_STORES_ROW) {
          throw new PermanentEventError(`${event.type} ${event.id} names a product or variant id of another store`);
        }
        throw error;
      }
    },
  };
}

export const catalogProductHandlers = [
  keepProduct('cart-product-created', 'catalog.product-created'),
  keepProduct('cart-product-updated', 'catalog.product-updated'),
];
