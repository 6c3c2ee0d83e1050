import { UserError } from '@ultramarket/kit';
import { validateSync, type ValidationError } from 'class-validator';
import { MoneyInput } from '@ultramarket/kit';
import { CreateProductInput } from '../product/product.inputs';
import { ProductStatus } from '../product/product-status';
import { ProductOptionInput } from '../option/product-option.inputs';
import { ProductVariantInput, SelectedOptionInput } from '../variant/product-variant.inputs';
import { Column, headerIndex, OPTION_COLUMNS } from './shopify-columns';
import { rowError, type RowError } from './row-error';
import type { CsvRecord } from './csv';

/** One product of the file: its handle, the input createProduct would take, and where each part came from. */
export interface ProductPlan {
  handle: string;
  /** Line of the product's first row (its product fields). */
  line: number;
  /** Lines of the product's variant rows, in `input.variants` order (or the one default variant's). */
  variantLines: number[];
  /** The product as catalog's own inputs describe it; `status` may also be ARCHIVED here. */
  input: CreateProductInput;
  /** "Variant Inventory Qty" per variant row (null where the cell is empty). */
  onHand: (number | null)[];
  /** Every CSV line of the product (for the job's per-row outcome). */
  lines: number[];
}

/** A product that cannot be imported as it stands, with every row error found in it. */
export interface RefusedPlan {
  handle: string;
  line: number;
  lines: number[];
  errors: RowError[];
}

const MONEY = /^\d{1,8}(?:\.\d{1,2})?$/;
const COUNT = /^-?\d{1,9}$/;
const NO_OPTION_NAME = 'title';
const NO_OPTION_VALUE = 'default title';

/** "19.9" → 1990 minor units (two-decimal currencies; docs/bulk-import.md). */
export function minorUnits(text: string): number | null {
  if (!MONEY.test(text)) return null;
  const [whole, fraction = ''] = text.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** 1990 → "19.90", as Shopify writes prices. */
export function majorUnits(amount: number): string {
  return `${Math.floor(amount / 100)}.${String(amount % 100).padStart(2, '0')}`;
}

const STATUSES: Record<string, ProductStatus> = { active: ProductStatus.ACTIVE, draft: ProductStatus.DRAFT, archived: ProductStatus.ARCHIVED };

/** Which column an input property (from class-validator's path) came from. */
function columnOf(path: string[]): string | null {
  const [head, index, leaf] = path;
  const product: Record<string, string> = {
    title: Column.title,
    description: Column.body,
    handle: Column.handle,
    vendor: Column.vendor,
    productType: Column.type,
    tags: Column.tags,
    seoTitle: Column.seoTitle,
    seoDescription: Column.seoDescription,
    price: Column.price,
  };
  if (head === 'options') return index !== undefined ? (OPTION_COLUMNS[Number(index)]?.name ?? null) : Column.option1Name;
  if (head === 'variants') {
    const variant: Record<string, string> = {
      sku: Column.sku,
      barcode: Column.barcode,
      weightGrams: Column.grams,
      price: Column.price,
      compareAtPrice: Column.compareAtPrice,
      options: Column.option1Value,
    };
    return variant[leaf] ?? null;
  }
  return product[head] ?? null;
}

/** class-validator's errors flattened to (path, message). */
function flatten(errors: ValidationError[], parent: string[] = []): { path: string[]; message: string }[] {
  return errors.flatMap((error) => {
    const path = [...parent, error.property];
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

interface Cells {
  line: number;
  get(column: string): string;
}

/**
 * Reads a Shopify product CSV into one plan per handle (rows with the same Handle are one product, the
 * first carrying the product's fields), or the row errors that refuse a product. Every check catalog's
 * createProduct input makes (class-validator rules) runs here, so its errors come back with their line
 * and column; what needs the database (handle and SKU taken, combinations) is checked when written.
 * Answers the header's own problem (no Handle column) as a file-level error on line 1.
 */
export function planImport(records: CsvRecord[], currencyCode: string): { plans: (ProductPlan | RefusedPlan)[]; fileErrors: RowError[] } {
  if (records.length === 0) return { plans: [], fileErrors: [rowError(1, null, UserError.of('IMPORT_EMPTY', 'The file has no header row'))] };
  const index = headerIndex(records[0].cells);
  if (!index.has(Column.handle))
    return { plans: [], fileErrors: [rowError(records[0].line, Column.handle, UserError.of('IMPORT_MISSING_COLUMN', 'The header has no Handle column'))] };
  const groups = new Map<string, Cells[]>();
  const orphans: RowError[] = [];
  for (const record of records.slice(1)) {
    const cells: Cells = { line: record.line, get: (column) => (index.has(column) ? (record.cells[index.get(column)!] ?? '').trim() : '') };
    const handle = cells.get(Column.handle);
    if (!handle) {
      orphans.push(rowError(record.line, Column.handle, UserError.of('IMPORT_INVALID_VALUE', 'Every row needs a Handle')));
      continue;
    }
    const group = groups.get(handle) ?? [];
    group.push(cells);
    groups.set(handle, group);
  }
  return { plans: [...groups.entries()].map(([handle, rows]) => planProduct(handle, rows, currencyCode)), fileErrors: orphans };
}

function planProduct(handle: string, rows: Cells[], currencyCode: string): ProductPlan | RefusedPlan {
  const errors: RowError[] = [];
  const [first] = rows;
  const lines = rows.map((row) => row.line);
  const optionNames = OPTION_COLUMNS.map((column) => first.get(column.name)).filter((name) => name !== '');
  const noOptions =
    optionNames.length === 1 && optionNames[0].toLowerCase() === NO_OPTION_NAME && first.get(Column.option1Value).toLowerCase() === NO_OPTION_VALUE;
  const names = noOptions ? [] : optionNames;
  const variantRows = rows.filter((row) => row.get(Column.price) !== '' || row.get(Column.sku) !== '' || row.get(Column.option1Value) !== '');
  if (variantRows.length === 0)
    errors.push(rowError(first.line, Column.price, UserError.of('IMPORT_INVALID_VALUE', 'A product needs at least one variant row (with a Variant Price)')));
  const variants: ProductVariantInput[] = [];
  const onHand: (number | null)[] = [];
  for (const row of variantRows) {
    const price = minorUnits(row.get(Column.price));
    if (price === null)
      errors.push(rowError(row.line, Column.price, UserError.of('IMPORT_INVALID_VALUE', 'Variant Price must be a decimal amount such as 19.99')));
    const compareAtText = row.get(Column.compareAtPrice);
    const compareAt = compareAtText === '' ? null : minorUnits(compareAtText);
    if (compareAtText !== '' && compareAt === null)
      errors.push(rowError(row.line, Column.compareAtPrice, UserError.of('IMPORT_INVALID_VALUE', 'Variant Compare At Price must be a decimal amount')));
    const gramsText = row.get(Column.grams);
    if (gramsText !== '' && !COUNT.test(gramsText))
      errors.push(rowError(row.line, Column.grams, UserError.of('IMPORT_INVALID_VALUE', 'Variant Grams must be a whole number')));
    const qtyText = row.get(Column.inventoryQty);
    if (qtyText !== '' && (!COUNT.test(qtyText) || Number(qtyText) < 0))
      errors.push(rowError(row.line, Column.inventoryQty, UserError.of('IMPORT_INVALID_VALUE', 'Variant Inventory Qty must be a whole number, 0 or more')));
    const options: SelectedOptionInput[] = [];
    names.forEach((name, position) => {
      const value = row.get(OPTION_COLUMNS[position].value);
      if (value === '')
        errors.push(
          rowError(
            row.line,
            OPTION_COLUMNS[position].value,
            UserError.of('IMPORT_INVALID_VALUE', `The product's option "${name}" needs a value on every variant row`),
          ),
        );
      options.push(Object.assign(new SelectedOptionInput(), { name, value }));
    });
    variants.push(
      Object.assign(new ProductVariantInput(), {
        options,
        price: Object.assign(new MoneyInput(), { amount: price ?? 0, currencyCode }),
        compareAtPrice: compareAt === null ? null : Object.assign(new MoneyInput(), { amount: compareAt, currencyCode }),
        sku: row.get(Column.sku) || null,
        barcode: row.get(Column.barcode) || null,
        weightGrams: gramsText === '' || !COUNT.test(gramsText) ? null : Number(gramsText),
      }),
    );
    onHand.push(qtyText === '' || !COUNT.test(qtyText) ? null : Number(qtyText));
  }
  const statusText = first.get(Column.status).toLowerCase();
  const status = statusText ? STATUSES[statusText] : first.get(Column.published).toLowerCase() === 'true' ? ProductStatus.ACTIVE : ProductStatus.DRAFT;
  if (!status) errors.push(rowError(first.line, Column.status, UserError.of('IMPORT_INVALID_VALUE', 'Status must be active, draft or archived')));
  const values = names.map((_, position) => [...new Set(variants.map((variant) => variant.options[position].value).filter((value) => value !== ''))]);
  const tagsText = first.get(Column.tags);
  const input = Object.assign(new CreateProductInput(), {
    title: first.get(Column.title),
    description: first.get(Column.body),
    handle,
    price: variants[0]?.price ?? Object.assign(new MoneyInput(), { amount: 0, currencyCode }),
    status,
    tags: tagsText
      ? tagsText
          .split(',')
          .map((tag) => tag.trim())
          .filter((tag) => tag !== '')
      : [],
    vendor: first.get(Column.vendor) || null,
    productType: first.get(Column.type) || null,
    seoTitle: first.get(Column.seoTitle) || null,
    seoDescription: first.get(Column.seoDescription) || null,
    options: names.map((name, position) => Object.assign(new ProductOptionInput(), { name, values: values[position] })),
    variants,
  });
  const lineOf = (path: string[]) => (path[0] === 'variants' && path[1] !== undefined ? variantRows[Number(path[1])].line : first.line);
  for (const problem of flatten(validateSync(input, { forbidUnknownValues: false }))) {
    // the default variant's options list is empty by construction; an empty title is told as such
    errors.push(rowError(lineOf(problem.path), columnOf(problem.path), UserError.of('IMPORT_INVALID_VALUE', problem.message)));
  }
  if (errors.length > 0) return { handle, line: first.line, lines, errors };
  return { handle, line: first.line, variantLines: variantRows.map((row) => row.line), input, onHand, lines };
}

export function isRefused(plan: ProductPlan | RefusedPlan): plan is RefusedPlan {
  return 'errors' in plan;
}
