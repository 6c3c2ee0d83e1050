import { byKeys, type SubgraphContext } from '@ultramarket/kit';
import { InventoryItem } from './inventory-item.entity';

/**
 * A product's stock as one number per measure: its tracked, listed variants at active locations.
 * `items` says whether the caller's store keeps any stock of it; `alwaysAvailable` whether a listed
 * variant does not track inventory (it is always in stock).
 */
export interface ProductTotals {
  productId: string;
  onHand: number;
  reserved: number;
  incoming: number;
  lowStockThreshold: number;
  items: number;
  alwaysAvailable: boolean;
}

/**
 * Product totals by product id, batched per request: a page of 10 or 100 products costs one read, in
 * a transaction scoped to the caller's store (row-level security hides every other store's rows; the
 * store condition says so in the query too). A product of another store has no stock here.
 */
export function loadProductTotals(context: SubgraphContext, productId: string): Promise<ProductTotals | null> {
  const storeId = context.caller.storeId;
  return context.loaders
    .get<string, ProductTotals | null>('productTotals', async (productIds) => {
      if (!storeId) return productIds.map(() => null);
      const rows: Record<string, string & number & boolean>[] = await context.storeDb.read((manager) =>
        manager.query(
          `SELECT product_id, sum(on_hand)::int AS on_hand, sum(reserved)::int AS reserved, sum(incoming)::int AS incoming,
                  sum(low_stock_threshold)::int AS low_stock_threshold, count(*) FILTER (WHERE item)::int AS items, bool_or(untracked) AS untracked
             FROM (SELECT i.product_id, c.counted, true AS item, false AS untracked,
                          CASE WHEN c.counted THEN i.on_hand ELSE 0 END AS on_hand, CASE WHEN c.counted THEN i.reserved ELSE 0 END AS reserved,
                          CASE WHEN c.counted THEN i.incoming ELSE 0 END AS incoming, CASE WHEN c.counted THEN i.low_stock_threshold ELSE 0 END AS low_stock_threshold
                     FROM inventory_item i JOIN location l ON l.id = i.location_id
                     LEFT JOIN catalog_variant v ON v.variant_id = i.variant_id,
                          LATERAL (SELECT l.active AND coalesce(v.track_inventory AND v.listed, true) AS counted) c
                    WHERE i.store_id = $1 AND i.product_id = ANY($2::uuid[])
                   UNION ALL
                   SELECT product_id, false, false, true, 0, 0, 0, 0 FROM catalog_variant
                    WHERE store_id = $1 AND product_id = ANY($2::uuid[]) AND listed AND NOT track_inventory) AS stock
            GROUP BY product_id`,
          [storeId, [...productIds]],
        ),
      );
      const totals = rows.map((row) => ({
        productId: row.product_id,
        onHand: row.on_hand,
        reserved: row.reserved,
        incoming: row.incoming,
        lowStockThreshold: row.low_stock_threshold,
        items: row.items,
        alwaysAvailable: row.untracked,
      }));
      return byKeys(productIds, totals, (total) => total.productId);
    })
    .load(productId);
}

/** A variant's stock in the caller's store: whether it is sellable at all, and its items with their locations' state. */
export interface VariantStockState {
  known: boolean;
  listed: boolean;
  tracked: boolean;
  items: { item: InventoryItem; active: boolean }[];
}

/** Variant stock by variant id, batched per request: one read for any number of variants, in the caller's store. */
export function loadVariantStock(context: SubgraphContext, variantId: string): Promise<VariantStockState> {
  const storeId = context.caller.storeId;
  return context.loaders
    .get<string, VariantStockState>('variantStock', async (variantIds) => {
      const states = new Map(variantIds.map((id) => [id, { known: false, listed: true, tracked: true, items: [] } as VariantStockState]));
      if (!storeId) return variantIds.map((id) => states.get(id)!);
      const rows: Record<string, unknown>[] = await context.storeDb.read((manager) =>
        manager.query(
          `SELECT k.variant_id AS key, v.listed, v.track_inventory, i.id, i.product_id, i.variant_id, i.location_id, i.store_id, i.on_hand, i.reserved,
                  i.incoming, i.low_stock_threshold, i.version, i.created_at, i.updated_at, l.active
             FROM unnest($2::uuid[]) AS k (variant_id)
             LEFT JOIN catalog_variant v ON v.variant_id = k.variant_id AND v.store_id = $1
             LEFT JOIN inventory_item i ON i.variant_id = k.variant_id AND i.store_id = $1
             LEFT JOIN location l ON l.id = i.location_id
            ORDER BY k.variant_id, l.priority, l.created_at`,
          [storeId, [...variantIds]],
        ),
      );
      for (const row of rows) {
        const state = states.get(row.key as string)!;
        if (row.listed !== null) Object.assign(state, { known: true, listed: row.listed, tracked: row.track_inventory });
        if (row.id === null) continue;
        state.known = true;
        const item = Object.assign(new InventoryItem(), {
          id: row.id,
          productId: row.product_id,
          variantId: row.variant_id,
          locationId: row.location_id,
          storeId: row.store_id,
          onHand: row.on_hand,
          reserved: row.reserved,
          incoming: row.incoming,
          lowStockThreshold: row.low_stock_threshold,
          version: row.version,
          createdAt: new Date(row.created_at as string),
          updatedAt: new Date(row.updated_at as string),
        });
        state.items.push({ item, active: row.active as boolean });
      }
      return variantIds.map((id) => states.get(id)!);
    })
    .load(variantId);
}
