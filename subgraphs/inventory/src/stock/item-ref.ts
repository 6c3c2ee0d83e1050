import type { EntityManager } from 'typeorm';
import { badUserInput, UserError } from '@ultramarket/kit';
import { defaultLocationOf } from '../location/default-location';

/** How a mutation names an item: a variant (or the product of a one-variant product), and a location (the default when absent). */
export interface ItemRef {
  variantId?: string | null;
  productId?: string | null;
  locationId?: string | null;
}

export interface ResolvedItem {
  variantId: string;
  productId: string;
  locationId: string;
}

/** A `variantId` or a `productId`, not both and not neither: refused before anything is read. */
export function requireOneOf(ref: ItemRef): void {
  if (!ref.variantId === !ref.productId) {
    throw badUserInput('Give either variantId or productId', [
      { field: ['input', 'variantId'], message: 'give either variantId or productId (for a product with one variant)' },
    ]);
  }
}

/**
 * The variants of the caller's store the reference names: a variant inventory knows of (from
 * catalog's events, or by its stock), or the only sellable variant of a product. Variants of other
 * stores are not found: every statement names the store, and row-level security hides the rest.
 */
async function variantsNamed(manager: EntityManager, storeId: string, ref: ItemRef): Promise<{ variantId: string; productId: string }[]> {
  const column = ref.variantId ? 'variant_id' : 'product_id';
  const rows: { variant_id: string; product_id: string }[] = await manager.query(
    `SELECT variant_id, product_id FROM catalog_variant WHERE store_id = $1 AND ${column} = $2 AND (listed OR $3)
     UNION
     SELECT i.variant_id, i.product_id FROM inventory_item i WHERE i.store_id = $1 AND i.${column} = $2
        AND ($3 OR NOT EXISTS (SELECT 1 FROM catalog_variant c WHERE c.variant_id = i.variant_id AND NOT c.listed))
     LIMIT 2`,
    [storeId, ref.variantId ?? ref.productId, Boolean(ref.variantId)],
  );
  return rows.map((row) => ({ variantId: row.variant_id, productId: row.product_id }));
}

/** The variant and location a mutation means, or the user error saying why there is none (`locationField` names the input field of the location). */
export async function resolveItem(manager: EntityManager, storeId: string, ref: ItemRef, locationField = 'locationId'): Promise<ResolvedItem | UserError> {
  const variants = await variantsNamed(manager, storeId, ref);
  if (variants.length === 0) {
    return ref.variantId
      ? UserError.of('NOT_FOUND', 'No stock is kept for this variant in your store', ['input', 'variantId'])
      : UserError.of('NOT_FOUND', 'No stock is kept for this product in your store', ['input', 'productId']);
  }
  if (variants.length > 1) {
    return UserError.of('VARIANT_REQUIRED', 'This product has several variants: name the variant (variantId)', ['input', 'productId']);
  }
  const locationId = ref.locationId ? await locationOf(manager, storeId, ref.locationId) : await defaultLocationOf(manager, storeId);
  if (!locationId) return UserError.of('NOT_FOUND', 'No such location in your store', ['input', locationField]);
  return { ...variants[0], locationId };
}

export async function locationOf(manager: EntityManager, storeId: string, locationId: string): Promise<string | null> {
  const [row]: { id: string }[] = await manager.query(`SELECT id FROM location WHERE id = $1 AND store_id = $2`, [locationId, storeId]);
  return row?.id ?? null;
}

/** The item of a variant at a location, created with nothing in it when the variant is first stocked there. */
export async function ensureItem(manager: EntityManager, storeId: string, item: ResolvedItem, lowStockThreshold: number): Promise<void> {
  await manager.query(
    `INSERT INTO inventory_item (product_id, variant_id, location_id, store_id, on_hand, reserved, low_stock_threshold)
     VALUES ($1, $2, $3, $4, 0, 0, $5) ON CONFLICT (variant_id, location_id) DO NOTHING`,
    [item.productId, item.variantId, item.locationId, storeId, lowStockThreshold],
  );
}
