import { randomUUID } from 'node:crypto';
import { UserError, type Tx } from '@ultramarket/kit';
import { Product } from '../product/product.entity';
import { ProductEvents, productEventData } from '../product/product.events';
import { normalizedTags } from '../product/product-tags';
import { emitProductEvent, optionsOf, touchProduct, variantsOf } from '../product/product-tx';
import { plannedVariants } from '../product/product-commands';
import { insertOptions } from '../option/option-writes';
import { optionsProblem, trimmedOptions, type OptionSpec } from '../option/option-rules';
import { variantTitle } from '../variant/product-variant.entity';
import { combinationOf, currencyMismatch, duplicateVariant, firstDuplicate, firstRepeatedSku, skuTaken, tooManyVariants } from '../variant/variant-rules';
import { insertVariants, variantRows } from '../variant/variant-writes';
import { Column, OPTION_COLUMNS } from './shopify-columns';
import { rowError, type RowError } from './row-error';
import type { ProductPlan } from './import-plan';

/** What writing one product did: its id, whether it was new, and the variant each variant row became. */
export interface WrittenProduct {
  productId: string;
  created: boolean;
  variantIds: string[];
}

/** A rule's UserError (its field an input path such as ['input', 'variants', '2', 'sku']) at the CSV line and column it came from. */
export function rowErrorOf(plan: ProductPlan, error: UserError): RowError {
  const [, head, index, leaf] = error.field ?? [];
  if (head === 'variants' && index !== undefined) {
    const column =
      leaf === 'sku'
        ? Column.sku
        : leaf === 'options'
          ? Column.option1Value
          : leaf === 'price'
            ? Column.price
            : leaf === 'compareAtPrice'
              ? Column.compareAtPrice
              : null;
    return rowError(plan.variantLines[Number(index)] ?? plan.line, column, error);
  }
  if (head === 'options') return rowError(plan.line, OPTION_COLUMNS[Number(index ?? 0)]?.name ?? Column.option1Name, error);
  if (head === 'sku' || head === 'barcode') return rowError(plan.line, Column.sku, error);
  return rowError(plan.line, head === 'handle' ? Column.handle : null, error);
}

/**
 * Writes one planned product in the caller's transaction with catalog's own rules and writes, and records
 * its catalog.product-created/updated event. A new handle is created as createProduct would; an existing
 * one is updated: product fields replaced, option values added, variants matched by SKU, else by option
 * values, and updated; unmatched rows become new variants; variants the file does not list are kept.
 * An existing product's option names must be the file's (renaming is setProductOptions' job).
 * Answers the row errors that refuse it (nothing of it is then written: the caller rolls back).
 */
export async function writeProductPlan(tx: Tx, storeId: string, plan: ProductPlan): Promise<WrittenProduct | RowError[]> {
  const input = plan.input;
  const options = trimmedOptions(input.options ?? []);
  const optionProblem = optionsProblem(options, ['input', 'options']);
  if (optionProblem) return [rowErrorOf(plan, optionProblem)];
  const repository = tx.manager.getRepository(Product);
  const existing = await repository.findOne({ where: { storeId, handle: plan.handle }, lock: { mode: 'pessimistic_write' } });
  const productFields = {
    title: input.title,
    description: input.description ?? '',
    status: input.status!,
    tags: normalizedTags(input.tags ?? []),
    vendor: input.vendor ?? null,
    productType: input.productType ?? null,
    seoTitle: input.seoTitle ?? null,
    seoDescription: input.seoDescription ?? null,
  };
  if (!existing) {
    const drafts = plannedVariants(input, options);
    if (drafts instanceof UserError) return [rowErrorOf(plan, drafts)];
    const id = randomUUID();
    // insert, not save: save would first look the new id up
    const product = repository.create({
      id,
      storeId,
      handle: plan.handle,
      ...productFields,
      priceAmount: Math.min(...drafts.map((draft) => draft.priceAmount)),
      currencyCode: input.price.currencyCode,
      category: null,
      imageUrl: null,
      publishedAt: null,
      // Shopify's CSV has no tax class column: a new product starts at the standard rate, an existing one keeps its class
      taxClass: null,
    });
    await repository.insert(product);
    const optionRows = await insertOptions(tx, product, options);
    const rows = variantRows(product, drafts, 0, [id]);
    await insertVariants(tx, rows);
    // the event from the rows just written (insert has filled in the product's version), not read back
    await tx.emit({
      type: ProductEvents.created,
      storeId,
      aggregateId: id,
      aggregateVersion: product.version,
      data: productEventData(product, optionRows, rows),
    });
    return { productId: id, created: true, variantIds: rows.map((row) => row.id) };
  }
  const merged = await mergeIntoExisting(tx, plan, existing, options);
  if ('errors' in merged) return merged.errors;
  Object.assign(existing, productFields);
  await repository.save(existing);
  const saved = await touchProduct(tx, existing.id);
  await emitProductEvent(tx, ProductEvents.updated, saved);
  return { productId: existing.id, created: false, variantIds: merged.ids };
}

/** The file's variants merged into an existing product's; answers the variant id of every row, or the row errors. */
async function mergeIntoExisting(tx: Tx, plan: ProductPlan, product: Product, options: OptionSpec[]): Promise<{ ids: string[] } | { errors: RowError[] }> {
  const currentOptions = await optionsOf(tx, product.id);
  const current = await variantsOf(tx, product.id);
  const sameNames =
    currentOptions.length === options.length && currentOptions.every((option, index) => option.name.toLowerCase() === options[index].name.toLowerCase());
  if (!sameNames) {
    return {
      errors: [
        rowError(
          plan.line,
          Column.option1Name,
          UserError.of(
            'IMPORT_OPTIONS_CHANGED',
            `Product "${plan.handle}" has options [${currentOptions.map((option) => option.name).join(', ')}]; rename them with setProductOptions before importing`,
          ),
        ),
      ],
    };
  }
  // values the file adds join the option's list after the current ones
  const merged: OptionSpec[] = options.map((option, index) => ({
    name: currentOptions[index].name,
    values: [...currentOptions[index].values, ...option.values.filter((value) => !currentOptions[index].values.includes(value))],
  }));
  const problem = optionsProblem(merged, ['input', 'options']);
  if (problem) return { errors: [rowErrorOf(plan, problem)] };
  for (const [index, option] of merged.entries()) {
    await tx.manager.query(`UPDATE product_option SET values = $2 WHERE id = $1`, [currentOptions[index].id, option.values]);
  }
  const variants = plan.input.variants ?? [];
  const combinations: string[][] = [];
  for (const [index, variant] of variants.entries()) {
    const path = ['input', 'variants', String(index)];
    const combination = combinationOf(merged, variant.options, [...path, 'options']);
    if (combination instanceof UserError) return { errors: [rowErrorOf(plan, combination)] };
    const mismatch = currencyMismatch(product.currencyCode, variant.price!.currencyCode, [...path, 'price']);
    if (mismatch) return { errors: [rowErrorOf(plan, mismatch)] };
    combinations.push(combination);
  }
  const duplicate = firstDuplicate(combinations);
  if (duplicate >= 0) return { errors: [rowErrorOf(plan, duplicateVariant(combinations[duplicate], ['input', 'variants', String(duplicate), 'options']))] };
  const repeatedSku = firstRepeatedSku(variants.map((variant) => variant.sku));
  if (repeatedSku >= 0) return { errors: [rowErrorOf(plan, skuTaken(variants[repeatedSku].sku!, ['input', 'variants', String(repeatedSku), 'sku']))] };
  const key = (values: string[]) => JSON.stringify(values);
  const bySku = new Map(current.filter((variant) => variant.sku).map((variant) => [variant.sku!, variant]));
  const byCombination = new Map(current.map((variant) => [key(variant.optionValues), variant]));
  const matched = new Set<string>();
  const ids: string[] = [];
  const fresh: { index: number; combination: string[] }[] = [];
  for (const [index, variant] of variants.entries()) {
    const match = (variant.sku ? bySku.get(variant.sku) : undefined) ?? byCombination.get(key(combinations[index]));
    if (!match || matched.has(match.id)) {
      fresh.push({ index, combination: combinations[index] });
      ids.push('');
      continue;
    }
    matched.add(match.id);
    ids.push(match.id);
  }
  const tooMany = tooManyVariants(current.length + fresh.length, ['input', 'variants']);
  if (tooMany) return { errors: [rowErrorOf(plan, tooMany)] };
  // matched rows first take a placeholder combination, so two rows trading combinations never collide halfway
  const matchedIds = ids.filter((id) => id !== '');
  if (matchedIds.length > 0)
    await tx.manager.query(`UPDATE product_variant SET option_values = ARRAY['~' || id::text] WHERE id = ANY($1::uuid[])`, [matchedIds]);
  for (const [index, variant] of variants.entries()) {
    if (ids[index] === '') continue;
    await tx.manager.query(
      `UPDATE product_variant SET option_values = $2, title = $3, price_amount = $4, currency_code = $5, compare_at_amount = $6, sku = $7, barcode = $8,
              weight_grams = $9, version = version + 1, updated_at = now() WHERE id = $1`,
      [
        ids[index],
        combinations[index],
        variantTitle(combinations[index]),
        variant.price!.amount,
        variant.price!.currencyCode,
        variant.compareAtPrice?.amount ?? null,
        variant.sku ?? null,
        variant.barcode ?? null,
        variant.weightGrams ?? null,
      ],
    );
  }
  const unmatched = current.filter((variant) => !matched.has(variant.id));
  // an unmatched current variant still holding a combination a new row wants is a duplicate the merchant must resolve
  const clash = fresh.find((row) => unmatched.some((variant) => key(variant.optionValues) === key(row.combination)));
  if (clash) return { errors: [rowErrorOf(plan, duplicateVariant(clash.combination, ['input', 'variants', String(clash.index), 'options']))] };
  const firstPosition = current.length === 0 ? 0 : Math.max(...current.map((variant) => variant.position)) + 1;
  const rows = variantRows(
    product,
    fresh.map(({ index, combination }) => ({
      optionValues: combination,
      priceAmount: variants[index].price!.amount,
      currencyCode: variants[index].price!.currencyCode,
      fields: variants[index],
    })),
    firstPosition,
  );
  await insertVariants(tx, rows);
  fresh.forEach((row, position) => (ids[row.index] = rows[position].id));
  return { ids };
}
