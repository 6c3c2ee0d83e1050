import type { EntityManager } from 'typeorm';

/** What a cart needs to know of a variant before taking it: its currency and whether it is on sale now. */
export interface VariantOffer {
  variantId: string;
  currencyCode: string;
  onSale: boolean;
}

/** The store's variants among `variantIds` (another store's, or one catalog never announced, is simply absent). */
export async function readVariantOffers(manager: EntityManager, storeId: string, variantIds: string[]): Promise<Map<string, VariantOffer>> {
  if (variantIds.length === 0) return new Map();
  const rows: { variant_id: string; currency_code: string; on_sale: boolean }[] = await manager.query(
    `SELECT variant.variant_id, variant.currency_code,
            variant.listed AND product.status = 'ACTIVE' AND (product.published_at IS NULL OR product.published_at <= now()) AS on_sale
       FROM catalog_variant variant
       JOIN catalog_product product ON product.product_id = variant.product_id AND product.store_id = variant.store_id
      WHERE variant.store_id = $1 AND variant.variant_id = ANY($2::uuid[])`,
    [storeId, variantIds],
  );
  return new Map(rows.map((row) => [row.variant_id, { variantId: row.variant_id, currencyCode: row.currency_code, onSale: row.on_sale }]));
}
