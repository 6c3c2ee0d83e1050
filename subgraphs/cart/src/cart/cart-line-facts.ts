import type { EntityManager } from 'typeorm';
import { safeIntegerFrom } from '@ultramarket/kit';
import type { SelectedOptionValue } from '@ultramarket/kit';

/** A cart line with what the catalog view says of its variant now (null fields: the view does not know it). */
export interface CartLineFacts {
  id: string;
  cartId: string;
  variantId: string;
  quantity: number;
  productId: string | null;
  productTitle: string | null;
  variantTitle: string | null;
  sku: string | null;
  selectedOptions: SelectedOptionValue[];
  priceAmount: number | null;
  currencyCode: string | null;
  weightGrams: number | null;
  tags: string[];
  vendor: string | null;
  productType: string | null;
  /** The product's tax class; null: the store's standard rate. */
  taxClass: string | null;
  collectionIds: string[];
  /** Listed, and its product ACTIVE and published now. */
  onSale: boolean;
  /** The unit price when the line was added (or last acknowledged at reviewCheckout); null for lines older than that record. */
  addedUnitPrice: number | null;
  addedCurrencyCode: string | null;
}

interface LineRow {
  id: string;
  cart_id: string;
  variant_id: string;
  quantity: number;
  product_id: string | null;
  product_title: string | null;
  variant_title: string | null;
  sku: string | null;
  selected_options: SelectedOptionValue[] | null;
  price_amount: string | null;
  currency_code: string | null;
  weight_grams: number | null;
  tags: string[] | null;
  vendor: string | null;
  product_type: string | null;
  tax_class: string | null;
  collection_ids: string[];
  on_sale: boolean | null;
  added_unit_price_amount: string | null;
  added_currency_code: string | null;
}

/** Every line of the carts with its variant's current facts, in one statement, oldest line first. */
const LINES_OF_CARTS = `
  SELECT line.id, line.cart_id, line.variant_id, line.quantity, line.added_unit_price_amount, line.added_currency_code, variant.product_id, product.title AS product_title,
         variant.title AS variant_title, variant.sku, variant.selected_options, variant.price_amount, variant.currency_code,
         variant.weight_grams, product.tags, product.vendor, product.product_type, product.tax_class,
         COALESCE((SELECT array_agg(member.collection_id ORDER BY member.collection_id) FROM catalog_collection_member member
                    WHERE member.product_id = variant.product_id AND member.store_id = line.store_id AND member.member), '{}') AS collection_ids,
         variant.listed AND product.status = 'ACTIVE' AND (product.published_at IS NULL OR product.published_at <= now()) AS on_sale
    FROM cart_line line
    LEFT JOIN catalog_variant variant ON variant.variant_id = line.variant_id AND variant.store_id = line.store_id
    LEFT JOIN catalog_product product ON product.product_id = variant.product_id AND product.store_id = line.store_id
   WHERE line.cart_id = ANY($1::uuid[])
   ORDER BY line.created_at, line.id`;

export async function readLineFacts(manager: EntityManager, cartIds: string[]): Promise<CartLineFacts[]> {
  const rows: LineRow[] = await manager.query(LINES_OF_CARTS, [cartIds]);
  return rows.map((row) => ({
    id: row.id,
    cartId: row.cart_id,
    variantId: row.variant_id,
    quantity: row.quantity,
    productId: row.product_id,
    productTitle: row.product_title,
    variantTitle: row.variant_title,
    sku: row.sku,
    selectedOptions: row.selected_options ?? [],
    priceAmount: row.price_amount === null ? null : safeIntegerFrom(row.price_amount, 'variant price'),
    currencyCode: row.currency_code,
    weightGrams: row.weight_grams,
    tags: row.tags ?? [],
    vendor: row.vendor,
    productType: row.product_type,
    taxClass: row.tax_class,
    collectionIds: row.collection_ids,
    onSale: row.on_sale === true,
    addedUnitPrice: row.added_unit_price_amount === null ? null : safeIntegerFrom(row.added_unit_price_amount, 'added unit price'),
    addedCurrencyCode: row.added_currency_code,
  }));
}
