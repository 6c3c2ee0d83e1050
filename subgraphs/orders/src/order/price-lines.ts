import type { EntityManager } from 'typeorm';
import { badUserInput, safeIntegerFrom, UserError } from '@ultramarket/kit';
import type { OrdersConfig } from '../orders-config';
import type { SelectedOptionValue } from '@ultramarket/kit';
import type { OrderItemInput, PlaceOrderInput } from './order.inputs';
import { MAX_ORDER_TOTAL, orderTotals, type OrderTotals } from './order-totals';

/** A variant on sale, as an order line snapshots it. */
export interface SellableVariant {
  variantId: string;
  productId: string;
  productTitle: string;
  variantTitle: string;
  sku: string | null;
  selectedOptions: SelectedOptionValue[];
  priceAmount: number;
  currencyCode: string;
}

export interface PricedLine {
  variant: SellableVariant;
  quantity: number;
}

interface VariantRow {
  variant_id: string;
  product_id: string;
  product_title: string;
  variant_title: string;
  sku: string | null;
  selected_options: SelectedOptionValue[];
  price_amount: string;
  currency_code: string;
  listed: boolean;
  on_sale: boolean;
}

/**
 * Every variant the items name, and every listed variant of the products they name, in one read: the
 * variant rows with their product's title and whether the product is on sale now (ACTIVE, and published
 * unless its publication is still to come). Another store's variant is simply not found here.
 */
const VARIANTS_OF_ITEMS = `
  SELECT variant.variant_id, variant.product_id, product.title AS product_title, variant.title AS variant_title, variant.sku,
         variant.selected_options, variant.price_amount, variant.currency_code, variant.listed,
         product.status = 'ACTIVE' AND (product.published_at IS NULL OR product.published_at <= now()) AS on_sale
    FROM variant_snapshot variant
    JOIN product_snapshot product ON product.product_id = variant.product_id AND product.store_id = variant.store_id
   WHERE variant.store_id = $1 AND (variant.variant_id = ANY($2::uuid[]) OR (variant.product_id = ANY($3::uuid[]) AND variant.listed))`;

/** BAD_USER_INPUT unless every item names exactly one of `variantId` and `productId` (checked before anything is read). */
export function checkItemTargets(items: OrderItemInput[]): void {
  const fields = items.flatMap((item, index) =>
    (item.variantId == null) === (item.productId == null)
      ? [{ field: ['input', 'items', String(index)], message: 'give exactly one of variantId and productId' }]
      : [],
  );
  if (fields.length > 0) throw badUserInput('Each item names a variant (variantId) or a product with one variant (productId), not both', fields);
}

/**
 * Resolves each item to a variant on sale in the store (a productId to its product's only listed
 * variant), merges lines of one variant, checks quantities and the currency, and totals them from
 * orders' own snapshots. Refusals are userErrors: PRODUCT_NOT_AVAILABLE (unknown, unlisted, unpublished,
 * not ACTIVE or another store's, as for an unknown product), VARIANT_REQUIRED (a productId of a product
 * with several variants), CURRENCY_MISMATCH, QUANTITY_TOO_LARGE, ORDER_TOTAL_TOO_LARGE.
 */
export async function priceLines(
  manager: EntityManager,
  config: OrdersConfig,
  storeId: string,
  input: PlaceOrderInput,
): Promise<{ lines: PricedLine[]; totals: OrderTotals } | { errors: UserError[] }> {
  const variantIds = [...new Set(input.items.flatMap((item) => (item.variantId ? [item.variantId] : [])))];
  const productIds = [...new Set(input.items.flatMap((item) => (item.productId ? [item.productId] : [])))];
  const rows: VariantRow[] = await manager.query(VARIANTS_OF_ITEMS, [storeId, variantIds, productIds]);
  const byVariant = new Map(rows.map((row) => [row.variant_id, row]));
  const listedByProduct = new Map<string, VariantRow[]>();
  for (const row of rows.filter((candidate) => candidate.listed)) {
    listedByProduct.set(row.product_id, [...(listedByProduct.get(row.product_id) ?? []), row]);
  }

  const errors: UserError[] = [];
  const resolved = input.items.map((item, index): VariantRow | null => {
    const path = ['input', 'items', String(index)];
    if (item.variantId) {
      const row = byVariant.get(item.variantId);
      if (row?.listed && row.on_sale) return row;
      errors.push(UserError.of('PRODUCT_NOT_AVAILABLE', `Variant ${item.variantId} is not on sale here`, [...path, 'variantId']));
      return null;
    }
    const productId = item.productId!;
    const listed = listedByProduct.get(productId) ?? [];
    if (listed.length === 0 || !listed[0].on_sale) {
      errors.push(UserError.of('PRODUCT_NOT_AVAILABLE', `Product ${productId} is not on sale here`, [...path, 'productId']));
      return null;
    }
    if (listed.length > 1) {
      errors.push(
        UserError.of('VARIANT_REQUIRED', `Product ${productId} has ${listed.length} variants: name the one to buy by variantId`, [...path, 'productId']),
      );
      return null;
    }
    return listed[0];
  });
  if (errors.length > 0) return { errors };

  const quantities = new Map<string, { row: VariantRow; quantity: number }>();
  resolved.forEach((row, index) => {
    const merged = quantities.get(row!.variant_id) ?? { row: row!, quantity: 0 };
    merged.quantity += input.items[index].quantity;
    quantities.set(row!.variant_id, merged);
  });
  if (new Set(resolved.map((row) => row!.currency_code)).size > 1) {
    return { errors: [UserError.of('CURRENCY_MISMATCH', 'All products of an order must be priced in one currency', ['input', 'items'])] };
  }
  for (const { row, quantity } of quantities.values()) {
    if (quantity > config.maxLineQuantity) {
      const what = row.variant_title === 'Default' ? `product ${row.product_id}` : `variant ${row.variant_id}`;
      return { errors: [UserError.of('QUANTITY_TOO_LARGE', `At most ${config.maxLineQuantity} units of ${what} per order`, ['input', 'items'])] };
    }
  }
  const lines = [...quantities.values()].map(({ row, quantity }) => ({ variant: sellable(row), quantity }));
  const totals = orderTotals(
    lines.map((line) => ({ unitPriceAmount: line.variant.priceAmount, quantity: line.quantity })),
    config,
  );
  if (!totals) {
    return { errors: [UserError.of('ORDER_TOTAL_TOO_LARGE', `The order's total would exceed ${MAX_ORDER_TOTAL} minor units; split it`, ['input', 'items'])] };
  }
  return { lines, totals };
}

function sellable(row: VariantRow): SellableVariant {
  return {
    variantId: row.variant_id,
    productId: row.product_id,
    productTitle: row.product_title,
    variantTitle: row.variant_title,
    sku: row.sku,
    selectedOptions: row.selected_options,
    priceAmount: safeIntegerFrom(row.price_amount, 'variant price'),
    currencyCode: row.currency_code,
  };
}
