import { catalogProductFactsOf, catalogVariantsOf, PermanentEventError, type CatalogProductEventData, type EventHandler } from '@ultramarket/kit';

/**
 * The product and every variant it lists, from one catalog product event, in one statement. Events of
 * one product may arrive out of order across the two consumers: the product row's version decides, so an
 * older event changes nothing at all (not even a variant it alone lists). A newer one upserts the listed
 * variants and marks the product's other variants unlisted: no longer sold, kept for what points at them.
 */
const APPLY_PRODUCT_EVENT = `
  WITH product AS (
    INSERT INTO product_snapshot (product_id, store_id, title, status, price_amount, currency_code, published_at, version)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
    ON CONFLICT (product_id) DO UPDATE SET title = EXCLUDED.title, status = EXCLUDED.status, price_amount = EXCLUDED.price_amount,
      currency_code = EXCLUDED.currency_code, published_at = EXCLUDED.published_at, version = EXCLUDED.version
    WHERE product_snapshot.version < EXCLUDED.version AND product_snapshot.store_id = EXCLUDED.store_id
    RETURNING product_id, store_id, version
  ), listed AS (
    INSERT INTO variant_snapshot (variant_id, product_id, store_id, title, sku, selected_options, price_amount, currency_code,
      track_inventory, position, listed, version)
    SELECT variant.variant_id, product.product_id, product.store_id, variant.title, variant.sku, coalesce(variant.selected_options, '[]'),
           variant.price_amount, variant.currency_code, variant.track_inventory, variant.position, true, product.version
      FROM product, jsonb_to_recordset($9::jsonb) AS variant (variant_id uuid, title varchar, sku varchar, selected_options jsonb,
           price_amount bigint, currency_code char(3), track_inventory boolean, position integer)
    ON CONFLICT (variant_id) DO UPDATE SET title = EXCLUDED.title, sku = EXCLUDED.sku, selected_options = EXCLUDED.selected_options,
      price_amount = EXCLUDED.price_amount, currency_code = EXCLUDED.currency_code, track_inventory = EXCLUDED.track_inventory,
      position = EXCLUDED.position, listed = true, version = EXCLUDED.version
    -- a variant id is one product's for good: an event naming another product's variant does not take it over
    WHERE variant_snapshot.product_id = EXCLUDED.product_id AND variant_snapshot.store_id = EXCLUDED.store_id
    RETURNING variant_id
  ), unlisted AS (
    UPDATE variant_snapshot SET listed = false, version = product.version
      FROM product
     WHERE variant_snapshot.product_id = product.product_id AND variant_snapshot.store_id = product.store_id
       AND variant_snapshot.listed AND NOT (variant_snapshot.variant_id = ANY($10::uuid[]))
    RETURNING variant_snapshot.variant_id
  )
  SELECT (SELECT count(*) FROM product)::int AS applied`;

/** PostgreSQL's insufficient_privilege: here, an upsert meeting a row of another store (row-level security refuses to update it). */
const OTHER_STORES_ROW = '42501';

/**
 * The statement's outcome; a product or variant id that is another store's row can never be applied
 * (ids are the catalog's uuids: only a broken or hostile producer reuses one), so it is parked at once.
 */
async function applyInItsStore(type: string, eventId: string, applying: Promise<unknown>): Promise<void> {
  try {
    await applying;
  } catch (error) {
    if ((error as { code?: string }).code === OTHER_STORES_ROW) {
      throw new PermanentEventError(`${type} ${eventId} names a product or variant id of another store`);
    }
    throw error;
  }
}

function keepSnapshot(name: string, eventType: string): EventHandler<CatalogProductEventData> {
  return {
    name,
    eventType,
    async handle(event, tx) {
      const { productId, title, status, price } = event.data;
      if (!event.storeId) throw new PermanentEventError(`${event.type} ${event.id} names no store`);
      const variants = catalogVariantsOf(event);
      await applyInItsStore(
        event.type,
        event.id,
        tx.manager.query(APPLY_PRODUCT_EVENT, [
          productId,
          event.storeId,
          title,
          status,
          price.amount,
          price.currencyCode,
          catalogProductFactsOf(event).publishedAt,
          event.aggregateVersion,
          JSON.stringify(variants),
          variants.map((variant) => variant.variant_id),
        ]),
      );
    },
  };
}

export const productSnapshotHandlers = [
  keepSnapshot('orders-product-created', 'catalog.product-created'),
  keepSnapshot('orders-product-updated', 'catalog.product-updated'),
];
