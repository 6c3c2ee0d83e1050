import type { EventHandler, Tx } from '@ultramarket/kit';
import { storeOfEvent } from '../store-of-event';
import { defaultLocationOf } from '../location/default-location';
import { variantsOf, type CatalogProductEvent } from './catalog-variants';

/**
 * Keeps catalog's variants as inventory needs them, from each product event (the whole product,
 * every time; a higher `aggregateVersion` wins, an older or repeated one changes nothing):
 * - every listed variant is recorded with its `trackInventory`; a variant the event no longer lists
 *   is kept but marked unlisted, so it is not sold (its stock rows and history stay);
 * - every tracked variant gets an item at the store's default location (nothing on hand), created
 *   with the store's default location on first need. An untracked variant needs no item: it is
 *   always available and reservations do not hold it.
 */
export async function syncVariants(tx: Tx, storeId: string, productVersion: number, data: CatalogProductEvent, lowStockThreshold: number): Promise<void> {
  const { productId } = data;
  const [newer]: unknown[] = await tx.manager.query(`SELECT 1 FROM catalog_variant WHERE store_id = $1 AND product_id = $2 AND product_version >= $3 LIMIT 1`, [
    storeId,
    productId,
    productVersion,
  ]);
  if (newer) return;
  const variants = variantsOf(data);
  await tx.manager.query(
    `INSERT INTO catalog_variant (variant_id, store_id, product_id, track_inventory, listed, product_version)
     SELECT variant.id, $1, $2, variant.tracked, true, $3 FROM unnest($4::uuid[], $5::boolean[]) AS variant (id, tracked)
     ON CONFLICT (variant_id) DO UPDATE SET track_inventory = EXCLUDED.track_inventory, listed = true,
       product_version = EXCLUDED.product_version, updated_at = now()
     WHERE catalog_variant.store_id = EXCLUDED.store_id`,
    [storeId, productId, productVersion, variants.map((variant) => variant.variantId), variants.map((variant) => variant.trackInventory)],
  );
  await tx.manager.query(
    `UPDATE catalog_variant SET listed = false, product_version = $3, updated_at = now()
      WHERE store_id = $1 AND product_id = $2 AND NOT (variant_id = ANY($4::uuid[]))`,
    [storeId, productId, productVersion, variants.map((variant) => variant.variantId)],
  );
  const tracked = variants.filter((variant) => variant.trackInventory).map((variant) => variant.variantId);
  if (tracked.length === 0) return;
  const locationId = await defaultLocationOf(tx.manager, storeId);
  await tx.manager.query(
    `INSERT INTO inventory_item (product_id, variant_id, location_id, store_id, on_hand, reserved, low_stock_threshold)
     SELECT $1, variant_id, $2, $3, 0, 0, $4 FROM unnest($5::uuid[]) AS variant_id
     ON CONFLICT (variant_id, location_id) DO NOTHING`,
    [productId, locationId, storeId, lowStockThreshold, tracked],
  );
}

/** catalog.product-created (consumer `inventory-create-item`, as before variants) and catalog.product-updated (`inventory-sync-variants`). */
export function syncVariantsOn(
  eventType: 'catalog.product-created' | 'catalog.product-updated',
  lowStockThreshold: () => number,
): EventHandler<CatalogProductEvent> {
  return {
    name: eventType === 'catalog.product-created' ? 'inventory-create-item' : 'inventory-sync-variants',
    eventType,
    handle: (event, tx) => syncVariants(tx, storeOfEvent(event), event.aggregateVersion ?? 0, event.data, lowStockThreshold()),
  };
}
