import type { Product } from './product.entity';

/** What catalog publishes about products (see schema/events.md). */
export const ProductEvents = {
  created: 'catalog.product-created',
  updated: 'catalog.product-updated',
} as const;

export interface ProductEventData {
  productId: string;
  title: string;
  handle: string;
  status: string;
  price: { amount: number; currencyCode: string };
  category: string | null;
}

export function productEventData(product: Product): ProductEventData {
  return {
    productId: product.id,
    title: product.title,
    handle: product.handle,
    status: product.status,
    price: { amount: product.priceAmount, currencyCode: product.currencyCode },
    category: product.category,
  };
}
