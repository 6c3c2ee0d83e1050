/** A variant as catalog's product events list it (see the issue 13 contract). */
export interface CatalogVariant {
  variantId: string;
  trackInventory: boolean;
}

/** What inventory reads of catalog.product-created / catalog.product-updated. */
export interface CatalogProductEvent {
  productId: string;
  /** Absent from events published before variants existed. */
  variants?: { variantId: string; trackInventory?: boolean | null }[];
}

/**
 * The variants an event lists. An event from before variants existed lists none: the product then is
 * its one default variant (variant id = product id), tracked.
 */
export function variantsOf(data: CatalogProductEvent): CatalogVariant[] {
  if (!Array.isArray(data.variants)) return [{ variantId: data.productId, trackInventory: true }];
  return data.variants.map((variant) => ({ variantId: variant.variantId, trackInventory: variant.trackInventory !== false }));
}
