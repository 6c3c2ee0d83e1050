/** Shopify's product CSV columns, as merchants export them from Shopify (docs/bulk-import.md lists what each does here). */
export const Column = {
  handle: 'Handle',
  title: 'Title',
  body: 'Body (HTML)',
  vendor: 'Vendor',
  type: 'Type',
  tags: 'Tags',
  published: 'Published',
  option1Name: 'Option1 Name',
  option1Value: 'Option1 Value',
  option2Name: 'Option2 Name',
  option2Value: 'Option2 Value',
  option3Name: 'Option3 Name',
  option3Value: 'Option3 Value',
  sku: 'Variant SKU',
  grams: 'Variant Grams',
  inventoryQty: 'Variant Inventory Qty',
  price: 'Variant Price',
  compareAtPrice: 'Variant Compare At Price',
  requiresShipping: 'Variant Requires Shipping',
  taxable: 'Variant Taxable',
  barcode: 'Variant Barcode',
  imageSrc: 'Image Src',
  imageAlt: 'Image Alt Text',
  seoTitle: 'SEO Title',
  seoDescription: 'SEO Description',
  status: 'Status',
} as const;

/** Headers accepted for a column besides its own name (older Shopify exports). */
const ALIASES: Record<string, string> = { 'product type': Column.type };

/** The columns an export writes, in Shopify's order. */
export const EXPORT_COLUMNS: string[] = [
  Column.handle,
  Column.title,
  Column.body,
  Column.vendor,
  Column.type,
  Column.tags,
  Column.published,
  Column.option1Name,
  Column.option1Value,
  Column.option2Name,
  Column.option2Value,
  Column.option3Name,
  Column.option3Value,
  Column.sku,
  Column.grams,
  Column.inventoryQty,
  Column.price,
  Column.compareAtPrice,
  Column.requiresShipping,
  Column.taxable,
  Column.barcode,
  Column.seoTitle,
  Column.seoDescription,
  Column.status,
];

export const OPTION_COLUMNS = [
  { name: Column.option1Name, value: Column.option1Value },
  { name: Column.option2Name, value: Column.option2Value },
  { name: Column.option3Name, value: Column.option3Value },
] as const;

/** Maps a header row to column → cell index; header names match case-insensitively, unknown ones are ignored. */
export function headerIndex(header: string[]): Map<string, number> {
  const known = new Map(Object.values(Column).map((name) => [name.toLowerCase(), name]));
  const index = new Map<string, number>();
  header.forEach((raw, position) => {
    const key = raw.trim().toLowerCase();
    const column = known.get(key) ?? ALIASES[key];
    if (column && !index.has(column)) index.set(column, position);
  });
  return index;
}
