import { randomUUID } from 'node:crypto';
import type { Tx } from '@ultramarket/kit';
import { ProductVariant, variantTitle } from './product-variant.entity';
import type { VariantFieldsInput } from './product-variant.inputs';

/** A variant about to be inserted: its combination, price and the optional fields as given. */
export interface VariantDraft {
  optionValues: string[];
  priceAmount: number;
  currencyCode: string;
  fields: VariantFieldsInput;
}

/** New variant rows for a product, numbered from `firstPosition`; `ids` gives some of them a fixed id (the default variant's). */
export function variantRows(product: { id: string; storeId: string }, drafts: VariantDraft[], firstPosition: number, ids: string[] = []): ProductVariant[] {
  return drafts.map((draft, index) =>
    Object.assign(new ProductVariant(), {
      id: ids[index] ?? randomUUID(),
      storeId: product.storeId,
      productId: product.id,
      position: firstPosition + index,
      title: variantTitle(draft.optionValues),
      optionValues: draft.optionValues,
      priceAmount: draft.priceAmount,
      currencyCode: draft.currencyCode,
      sku: draft.fields.sku ?? null,
      barcode: draft.fields.barcode ?? null,
      compareAtAmount: draft.fields.compareAtPrice?.amount ?? null,
      weightGrams: draft.fields.weightGrams ?? null,
      trackInventory: draft.fields.trackInventory ?? true,
      mediaId: null,
    }),
  );
}

export async function insertVariants(tx: Tx, rows: ProductVariant[]): Promise<void> {
  if (rows.length > 0) await tx.manager.getRepository(ProductVariant).insert(rows);
}

/**
 * Gives existing variants new combinations. Each row first takes a placeholder unique to it, so that
 * two variants trading combinations (or a rename landing on a value another row still has) never
 * meet on the `(product_id, option_values)` unique index halfway through.
 */
export async function recombineVariants(tx: Tx, changes: { id: string; optionValues: string[]; position?: number }[]): Promise<void> {
  if (changes.length === 0) return;
  const ids = changes.map((change) => change.id);
  await tx.manager.query(`UPDATE product_variant SET option_values = ARRAY['~' || id::text] WHERE id = ANY($1::uuid[])`, [ids]);
  for (const change of changes) {
    await tx.manager.query(
      `UPDATE product_variant SET option_values = $2, title = $3, position = coalesce($4, position), version = version + 1, updated_at = now() WHERE id = $1`,
      [change.id, change.optionValues, variantTitle(change.optionValues), change.position ?? null],
    );
  }
}

/** Numbers a product's remaining variants 0, 1, 2, … in their current order. */
export async function renumberVariants(tx: Tx, productId: string): Promise<void> {
  await tx.manager.query(
    `UPDATE product_variant v SET position = ordered.n - 1
       FROM (SELECT id, row_number() OVER (ORDER BY position, created_at, id) AS n FROM product_variant WHERE product_id = $1) ordered
      WHERE v.id = ordered.id AND v.position <> ordered.n - 1`,
    [productId],
  );
}
