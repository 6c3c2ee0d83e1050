import { inScope } from '@ultramarket/kit';
import type { DataSource } from 'typeorm';
import { toCsv } from './csv';
import { majorUnits } from './import-plan';
import { EXPORT_COLUMNS } from './shopify-columns';

const PAGE = 200;

interface ExportedProduct {
  id: string;
  handle: string;
  title: string;
  description: string;
  vendor: string | null;
  product_type: string | null;
  tags: string[];
  status: string;
  seo_title: string | null;
  seo_description: string | null;
  options: { name: string; values: string[] }[];
  variants: {
    sku: string | null;
    barcode: string | null;
    price_amount: string;
    compare_at_amount: string | null;
    weight_grams: number | null;
    option_values: string[];
    /** On hand across the store's active locations as catalog last heard it; null when untracked or never heard. */
    on_hand: number | null;
  }[];
}

/** One product's CSV rows, one per variant; the first also carries the product's fields (Shopify's layout). */
function rowsOf(product: ExportedProduct): string[][] {
  return product.variants.map((variant, index) => {
    const first = index === 0;
    const options = [0, 1, 2].flatMap((position) => {
      const option = product.options[position];
      if (!option) return ['', ''];
      return [first ? option.name : '', variant.option_values[position] ?? ''];
    });
    if (product.options.length === 0 && first) options.splice(0, 2, 'Title', 'Default Title');
    return [
      product.handle,
      first ? product.title : '',
      first ? product.description : '',
      first ? (product.vendor ?? '') : '',
      first ? (product.product_type ?? '') : '',
      first ? product.tags.join(', ') : '',
      first ? (product.status === 'ACTIVE' ? 'TRUE' : 'FALSE') : '',
      ...options,
      variant.sku ?? '',
      variant.weight_grams === null ? '' : String(variant.weight_grams),
      variant.on_hand === null ? '' : String(variant.on_hand),
      majorUnits(Number(variant.price_amount)),
      variant.compare_at_amount === null ? '' : majorUnits(Number(variant.compare_at_amount)),
      'TRUE',
      'TRUE',
      variant.barcode ?? '',
      first ? (product.seo_title ?? '') : '',
      first ? (product.seo_description ?? '') : '',
      first ? product.status.toLowerCase() : '',
    ];
  });
}

/**
 * A store's products as a Shopify product CSV, read in keyset pages by id (each page one store-scoped
 * read with its options and variants aggregated in SQL); `onPage` hears the variant rows written so far.
 * "Variant Inventory Qty" is a tracked variant's on-hand across the store's active locations, from the
 * copy search keeps of `inventory.stock-changed` (so an export may lag a change still on its way);
 * empty for an untracked variant (as Shopify writes it) and for one whose stock was never heard of
 * (importing the file then leaves that variant's stock alone).
 */
export async function exportProducts(dataSource: DataSource, storeId: string, onPage: (rowsSoFar: number) => Promise<void>): Promise<string> {
  const rows: string[][] = [EXPORT_COLUMNS];
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page: ExportedProduct[] = await inScope(dataSource, storeId, (manager) =>
      manager.query(
        `SELECT p.id, p.handle, p.title, p.description, p.vendor, p.product_type, p.tags, p.status, p.seo_title, p.seo_description,
                coalesce((SELECT json_agg(json_build_object('name', o.name, 'values', o.values) ORDER BY o.position) FROM product_option o WHERE o.product_id = p.id), '[]') AS options,
                coalesce((SELECT json_agg(json_build_object('sku', v.sku, 'barcode', v.barcode, 'price_amount', v.price_amount::text,
                                   'compare_at_amount', v.compare_at_amount::text, 'weight_grams', v.weight_grams, 'option_values', v.option_values,
                                   'on_hand', CASE WHEN v.track_inventory THEN (d.variant_availability -> v.id::text ->> 'onHand')::int END) ORDER BY v.position)
                            FROM product_variant v WHERE v.product_id = p.id), '[]') AS variants
           FROM product p LEFT JOIN product_search_document d ON d.product_id = p.id AND d.store_id = p.store_id
          WHERE p.store_id = $1 AND p.id > $2 ORDER BY p.id LIMIT $3`,
        [storeId, after, PAGE],
      ),
    );
    for (const product of page) rows.push(...rowsOf(product));
    await onPage(rows.length - 1);
    if (page.length < PAGE) return toCsv(rows);
    after = page[page.length - 1].id;
  }
}
