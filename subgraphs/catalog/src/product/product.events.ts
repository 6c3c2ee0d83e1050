import type { Product } from './product.entity';
import type { ProductOption } from '../option/product-option.entity';
import type { ProductVariant } from '../variant/product-variant.entity';

/** What catalog publishes about products (see schema/events.md). */
export const ProductEvents = {
  created: 'catalog.product-created',
  updated: 'catalog.product-updated',
} as const;

interface MoneyData {
  amount: number;
  currencyCode: string;
}

export interface ProductVariantEventData {
  variantId: string;
  position: number;
  title: string;
  sku: string | null;
  barcode: string | null;
  price: MoneyData;
  compareAtPrice: MoneyData | null;
  weightGrams: number | null;
  trackInventory: boolean;
  /** The product image shown for this variant (setVariantMedia), or null. */
  mediaId: string | null;
  /** Empty for the default variant. */
  options: { name: string; value: string }[];
}

/**
 * The whole product, every time (consumers upsert it by `aggregateVersion`). Events published before
 * variants existed carry no `variants`: consumers read them as one default variant with the product's id.
 */
export interface ProductEventData {
  productId: string;
  title: string;
  handle: string;
  status: string;
  /** The lowest variant price. */
  price: MoneyData;
  /** Legacy free-text category; may be null. */
  category: string | null;
  tags: string[];
  vendor: string | null;
  productType: string | null;
  publishedAt: string | null;
  /** The tax class whose rules apply; null: the store's standard rate. */
  taxClass: string | null;
  options: { name: string; position: number; values: string[] }[];
  variants: ProductVariantEventData[];
}

export function productEventData(product: Product, options: ProductOption[], variants: ProductVariant[]): ProductEventData {
  const ordered = [...options].sort((a, b) => a.position - b.position);
  return {
    productId: product.id,
    title: product.title,
    handle: product.handle,
    status: product.status,
    price: { amount: product.priceAmount, currencyCode: product.currencyCode },
    category: product.category,
    tags: product.tags,
    vendor: product.vendor,
    productType: product.productType,
    publishedAt: product.publishedAt ? product.publishedAt.toISOString() : null,
    taxClass: product.taxClass,
    options: ordered.map((option) => ({ name: option.name, position: option.position, values: option.values })),
    variants: [...variants]
      .sort((a, b) => a.position - b.position)
      .map((variant) => ({
        variantId: variant.id,
        position: variant.position,
        title: variant.title,
        sku: variant.sku,
        barcode: variant.barcode,
        price: { amount: variant.priceAmount, currencyCode: variant.currencyCode },
        compareAtPrice: variant.compareAtAmount === null ? null : { amount: variant.compareAtAmount, currencyCode: variant.currencyCode },
        weightGrams: variant.weightGrams,
        trackInventory: variant.trackInventory,
        mediaId: variant.mediaId,
        options: variant.optionValues.map((value, index) => ({ name: ordered[index].name, value })),
      })),
  };
}
